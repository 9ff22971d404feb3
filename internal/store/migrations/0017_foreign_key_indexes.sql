-- An index for every foreign key whose columns did not lead one: deleting
-- or updating a parent row checks its children through it, and joins from
-- a parent to its children use it. PostgreSQL never adds such an index by
-- itself; TestForeignKeysAreIndexed fails on any foreign key without one.
CREATE INDEX agreements_partner_province_fk ON agreements(partner_province);
CREATE INDEX businesses_regency_code_fk ON businesses(regency_code);
CREATE INDEX commodity_inputs_output_id_fk ON commodity_inputs(output_id);
CREATE INDEX deals_business_id_fk ON deals(business_id);
CREATE INDEX deals_commodity_id_fk ON deals(commodity_id);
CREATE INDEX declarations_commodity_id_fk ON declarations(commodity_id);
CREATE INDEX declarations_office_id_fk ON declarations(office_id);
CREATE INDEX declarations_province_code_fk ON declarations(province_code);
CREATE INDEX delegation_overrides_business_id_fk ON delegation_overrides(business_id);
CREATE INDEX events_host_province_fk ON events(host_province);
CREATE INDEX listings_business_id_fk ON listings(business_id);
CREATE INDEX listings_commodity_id_fk ON listings(commodity_id);
CREATE INDEX listings_organisation_id_fk ON listings(organisation_id);
CREATE INDEX meeting_requests_from_id_fk ON meeting_requests(from_id);
CREATE INDEX meeting_requests_to_id_fk ON meeting_requests(to_id);
CREATE INDEX meetings_a_id_fk ON meetings(a_id);
CREATE INDEX meetings_b_id_fk ON meetings(b_id);
CREATE INDEX meetings_request_id_fk ON meetings(request_id);
CREATE INDEX offices_home_province_fk ON offices(home_province);
CREATE INDEX organisations_province_code_fk ON organisations(province_code);
CREATE INDEX participations_event_id_fk ON participations(event_id);
CREATE INDEX participations_organisation_id_fk ON participations(organisation_id);
CREATE INDEX users_business_id_fk ON users(business_id);
CREATE INDEX users_office_id_fk ON users(office_id);
CREATE INDEX users_organisation_id_fk ON users(organisation_id);
