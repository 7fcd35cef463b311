from rest_framework import serializers

from enkelt.tenants.models import Municipality, Unit


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["slug", "name", "inhabitants", "default_hourly_tariff"]


class UnitSerializer(serializers.ModelSerializer):
    # `parent` shadows Field.parent in the stubs; the contract names the field so.
    parent = serializers.SlugRelatedField(  # type: ignore[assignment,var-annotated]
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Unit
        fields = ["id", "slug", "name", "kind", "parent", "is_public"]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
