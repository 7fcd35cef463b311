"""Output serializers of `surveys/` and `survey-rounds/` (definitions and aggregates only).

No serializer here has a field for a response, an answer or an invitation: the
API cannot hand out anything about an individual respondent.
"""

from rest_framework import serializers

from enkelt.surveys.models import Audience, Purpose, QuestionKind, RoundState


class SurveyOptionOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text_da = serializers.CharField()
    text_en = serializers.CharField()


class SurveyQuestionOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    section = serializers.CharField(source="section.title_da", allow_null=True, default=None)
    text_da = serializers.CharField()
    text_en = serializers.CharField()
    scale_min = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    min_label_da = serializers.CharField()
    min_label_en = serializers.CharField()
    max_label_da = serializers.CharField()
    max_label_en = serializers.CharField()
    required = serializers.BooleanField()  # type: ignore[assignment]
    options = SurveyOptionOutput(many=True)


class SurveyOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title_da = serializers.CharField()
    title_en = serializers.CharField()
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    service_unit = serializers.SlugField(source="service_unit.slug", allow_null=True, default=None)
    questions = SurveyQuestionOutput(many=True)


class SurveyRoundOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    survey = serializers.UUIDField(source="survey.public_id")
    title = serializers.CharField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    state = serializers.ChoiceField(choices=RoundState.choices)
    units = serializers.ListField(child=serializers.SlugField(), source="unit_slugs")


class SurveyValueCountOutput(serializers.Serializer):
    value = serializers.IntegerField()
    count = serializers.IntegerField()


class SurveyOptionShareOutput(serializers.Serializer):
    option = serializers.IntegerField()
    count = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class SurveyCellOutput(serializers.Serializer):
    suppressed = serializers.BooleanField()
    n = serializers.IntegerField(allow_null=True, help_text="Null when suppressed (n < 5).")
    mean = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    distribution = SurveyValueCountOutput(many=True)
    options = SurveyOptionShareOutput(many=True)


class SurveyGroupCellOutput(serializers.Serializer):
    unit = serializers.SlugField(allow_null=True)
    cell = SurveyCellOutput()


class SurveyQuestionResultOutput(serializers.Serializer):
    question = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    total = SurveyCellOutput()
    previous_total = SurveyCellOutput(allow_null=True)
    groups = SurveyGroupCellOutput(many=True)


class SurveyGroupOutput(serializers.Serializer):
    unit = serializers.SlugField(allow_null=True)
    suppressed = serializers.BooleanField()
    respondents = serializers.IntegerField(allow_null=True)


class SurveyRoundResultsOutput(serializers.Serializer):
    round = serializers.UUIDField()
    previous_round = serializers.UUIDField(allow_null=True)
    threshold = serializers.IntegerField()
    total = SurveyGroupOutput()
    groups = SurveyGroupOutput(many=True)
    questions = SurveyQuestionResultOutput(many=True)
