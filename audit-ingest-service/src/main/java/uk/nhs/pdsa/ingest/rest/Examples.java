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

    static final String FHIR_XML = """
            <MeasureReport xmlns="http://hl7.org/fhir">
              <status value="complete"/><type value="summary"/>
              <measure value="https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h"/>
              <subject><reference value="Location/trauma-ward-2"/></subject>
              <period><start value="2026-01-01"/><end value="2026-01-31"/></period>
              <reporter><identifier><system value="https://fhir.nhs.uk/Id/ods-organization-code"/><value value="RXH"/></identifier></reporter>
              <group>
                <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/><code value="numerator"/></coding></code><count value="41"/></population>
                <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/><code value="denominator"/></coding></code><count value="52"/></population>
              </group>
            </MeasureReport>""";

    static final String FHIR_TRANSACTION = """
            {"resourceType": "Bundle", "type": "transaction", "entry": [
              {"resource": {"resourceType": "MeasureReport", "status": "complete", "type": "summary",
                "measure": "https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h",
                "subject": {"reference": "Location/trauma-ward-2"}, "reporter": {"reference": "Organization/RXH"},
                "period": {"start": "2026-02-01", "end": "2026-02-28"},
                "group": [{"population": [
                  {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "numerator"}]}, "count": 44},
                  {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "denominator"}]}, "count": 50}]}]},
               "request": {"method": "POST", "url": "MeasureReport"}}]}""";

    static final String FHIR_TRANSACTION_XML = """
            <Bundle xmlns="http://hl7.org/fhir">
              <type value="transaction"/>
              <entry>
                <resource>
                  <MeasureReport>
                    <status value="complete"/><type value="summary"/>
                    <measure value="https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h"/>
                    <subject><reference value="Location/trauma-ward-2"/></subject>
                    <period><start value="2026-03-01"/><end value="2026-03-31"/></period>
                    <reporter><reference value="Organization/RXH"/></reporter>
                    <group>
                      <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/><code value="numerator"/></coding></code><count value="45"/></population>
                      <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/><code value="denominator"/></coding></code><count value="51"/></population>
                    </group>
                  </MeasureReport>
                </resource>
                <request><method value="POST"/><url value="MeasureReport"/></request>
              </entry>
            </Bundle>""";

    static final String TRUST = """
            {"name": "University Hospitals Sussex NHS Foundation Trust", "type": "trust"}""";

    static final String COLLEGE = """
            {"name": "Royal College of Surgeons of England", "type": "college", "specialties": ["general-surgery", "orthopaedics"]}""";

    private Examples() {
    }
}
