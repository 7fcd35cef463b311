"""REST endpoints of the foundation: token, municipalities, units."""

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from enkelt.api.scoping import (
    MunicipalityScopedMixin,
    municipalities_visible_to,
    resolve_municipality,
)
from enkelt.api.serializers import (
    MunicipalitySerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    UnitSerializer,
)
from enkelt.tenants.models import Municipality, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)


class TokenThrottle(AnonRateThrottle):
    scope = "token"


class TokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # Without authentication classes DRF would turn a wrong password into 403;
        # wrong credentials are 401, and a 401 must name the scheme to use.
        return "Token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer},
        examples=[
            OpenApiExample(
                "Demo", value={"username": "leder", "password": "demo"}, request_only=True
            )
        ],
    )
    def post(self, request: Request) -> Response:
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=form.validated_data["username"],
            password=form.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise AuthenticationFailed(_("Wrong username or password."), code="invalid_credentials")
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


@extend_schema(parameters=[MUNICIPALITY_PARAM])
class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MunicipalitySerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Municipality]:
        if self.request.query_params.get("municipality"):
            # The documented parameter narrows to one municipality; one the caller
            # may not see answers 404, as on every other resource.
            return Municipality.objects.filter(pk=resolve_municipality(self.request).pk)
        return municipalities_visible_to(self.request.user)


@extend_schema(parameters=[MUNICIPALITY_PARAM])
class UnitViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        if getattr(self, "swagger_fake_view", False):
            # Schema generation has no caller to scope by; it only needs the model.
            return Unit.objects.none()
        return self.scope(Unit.objects.select_related("parent")).order_by("name", "id")
