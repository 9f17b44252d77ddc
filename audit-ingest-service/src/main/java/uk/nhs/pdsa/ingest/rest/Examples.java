package uk.nhs.pdsa.ingest.rest;

/** Request examples shown (and runnable against the sample data) in Swagger UI. */
final class Examples {
    static final String JSON_ONE = """
            {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
             "period": "2026-01", "numerator": 41, "denominator": 52}""";

    static final String JSON_BATCH = """
            [{"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
              "period": "2026-01", "numerator": 41, "denominator": 52},
             {"audit": "nhfd", "metric": "mortality-30-day", "organisation": "RXH", "microsystem": "trauma-ward-2",
              "period": "2026-01", "numerator": 3, "denominator": 52, "expected": 3.33}]""";

    static final String CSV = """
            audit,metric,organisation,microsystem,period,numerator,denominator,expected
            nhfd,surgery-within-36h,RXH,trauma-ward-2,2026-01,41,52,
            nhfd,mortality-30-day,RXH,trauma-ward-2,2026-01,3,52,3.33
            """;

    static final String FHIR = """
            {"resourceType": "MeasureReport", "status": "complete", "type": "summary",
             "measure": "https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h",
             "subject": {"identifier": {"value": "trauma-ward-2"}},
             "reporter": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RXH"}},
             "period": {"start": "2026-01-01", "end": "2026-01-31"},
             "group": [{"population": [
               {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "numerator"}]}, "count": 41},
               {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "denominator"}]}, "count": 52}]}]}""";

    static final String TRUST = """
            {"name": "University Hospitals Sussex NHS Foundation Trust", "type": "trust"}""";

    static final String COLLEGE = """
            {"name": "Royal College of Surgeons of England", "type": "college", "specialties": ["general-surgery", "orthopaedics"]}""";

    private Examples() {
    }
}
