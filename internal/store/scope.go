package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

// Row-level security on PostgreSQL: defence in depth behind the
// application's own scoping (every query of the web layer filters by the
// acting user's office), so that a forgotten WHERE leaks nothing.
//
// The office comes from the context (dagang.OfficeScope: the acting user's
// office, or one set with dagang.NewContextWithOffice for a job or a CLI
// command). Every transaction made for one office, and every statement
// over the pool (each then in a transaction of its own), starts with
//
//	SELECT set_config('dagang.office', <id>, true), set_config('role', 'dagang_office', true)
//
// that is SET LOCAL of the office and of a role that owns nothing, is no
// superuser and has no BYPASSRLS: the policies below then hold even when
// dagang connects as the tables' owner or as a superuser, which bypass
// row-level security. Work of the system itself (migrations, the job
// runner's claims, the session lookup before a user is known, public pages
// that find their record by a secret token) runs as the connecting role;
// deployment-wide work says so with dagang.NewContextForDeployment and a
// reason, which is logged. SQLite has no row-level security: there the
// application's scoping is the only one (docs/operations.md).

// officeRole is the role scoped work runs as.
const officeRole = "dagang_office"

// childTables are tables without an office_id whose rows belong to a
// parent's office: a row is visible when its parent is the office's own,
// or (shared) also when its parent is shared with the office: a shared
// agreement's history is the partner office's too (sharedPolicies).
var childTables = []struct {
	table, column, parent string
	shared                bool
}{
	{"products", "business_id", "businesses", false},
	{"agreement_changes", "agreement_id", "agreements", true},
	{"agreement_documents", "agreement_id", "agreements", false},
	{"participations", "event_id", "events", false},
	{"meeting_requests", "event_id", "events", false},
	{"meetings", "event_id", "events", false},
	{"delegation_overrides", "event_id", "events", false},
	{"checkins", "event_id", "events", false},
	{"meeting_calendar", "event_id", "events", false},
	{"realisations", "deal_id", "deals", false},
	{"password_links", "user_id", "users", false},
}

// scope sets the office of a transaction on PostgreSQL when ctx acts for
// one, and logs deployment-wide work.
func (d *DB) scope(ctx context.Context, t *sql.Tx) error {
	if !d.rls {
		return nil
	}
	office, bound, reason := dagang.OfficeScope(ctx)
	if reason != "" {
		var uid int64
		if u := dagang.UserFromContext(ctx); u != nil {
			uid = u.ID
		}
		d.log.InfoContext(ctx, "deployment-wide transaction", "reason", reason, "user_id", uid)
	}
	if !bound {
		return nil
	}
	return setScope(ctx, t, office)
}

// setScope makes the rest of transaction t see only office's rows.
func setScope(ctx context.Context, t *sql.Tx, office int64) error {
	_, err := t.ExecContext(ctx, "SELECT set_config('dagang.office', $1, true), set_config('role', '"+officeRole+"', true)", fmt.Sprint(office))
	return err
}

// ensureRowSecurity gives every owned table of the schema its policy: a
// table with an office_id column shows and accepts only the scoped
// office's rows, a child table those whose parent is visible. It runs at
// every start, after the migrations and under their lock, and changes only
// what is missing, so tables that later migrations add are covered too.
func ensureRowSecurity(ctx context.Context, t tx) error {
	// The role is the cluster's; another database may create it at the
	// same moment.
	if _, err := t.exec(ctx, `DO $$ BEGIN
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '`+officeRole+`') THEN
			CREATE ROLE `+officeRole+` NOLOGIN NOSUPERUSER NOBYPASSRLS;
		END IF;
	EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
	END $$`); err != nil {
		return fmt.Errorf("role %s: %w (create it once as a superuser: CREATE ROLE %s NOLOGIN; GRANT %s TO <dagang's role>)", officeRole, err, officeRole, officeRole)
	}
	var member bool
	if err := t.queryRow(ctx, "SELECT pg_has_role(current_user, '"+officeRole+"', 'MEMBER')").Scan(&member); err != nil {
		return err
	}
	if !member {
		if _, err := t.exec(ctx, "GRANT "+officeRole+" TO CURRENT_USER"); err != nil {
			return err
		}
	}
	// Grants only when a table or the schema lacks them: at an ordinary
	// start nothing is written.
	var schema string
	var missing bool
	if err := t.queryRow(ctx, `SELECT current_schema(), NOT has_schema_privilege('`+officeRole+`', current_schema(), 'USAGE') OR EXISTS (
		SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND NOT CASE WHEN c.relkind = 'S' THEN has_sequence_privilege('`+officeRole+`', c.oid, 'USAGE') ELSE has_table_privilege('`+officeRole+`', c.oid, 'DELETE') END)`).Scan(&schema, &missing); err != nil {
		return err
	}
	if missing {
		q := `"` + strings.ReplaceAll(schema, `"`, `""`) + `"`
		for _, g := range []string{
			"GRANT USAGE ON SCHEMA " + q + " TO " + officeRole,
			"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + q + " TO " + officeRole,
			"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + q + " TO " + officeRole,
		} {
			if _, err := t.exec(ctx, g); err != nil {
				return err
			}
		}
	}
	rs, err := t.query(ctx, `SELECT c.relname, c.relrowsecurity, EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = 'office_scope'),
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'office_id' AND NOT a.attisdropped)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
	if err != nil {
		return err
	}
	type table struct {
		name                 string
		secured, has, office bool
	}
	var tables []table
	for rs.Next() {
		var x table
		if err := rs.Scan(&x.name, &x.secured, &x.has, &x.office); err != nil {
			rs.Close()
			return err
		}
		tables = append(tables, x)
	}
	if err := rs.Close(); err != nil {
		return err
	}
	const office = "CAST(NULLIF(current_setting('dagang.office', true), '') AS BIGINT)"
	policy := map[string]string{}
	for _, x := range tables {
		if x.office {
			policy[x.name] = "office_id = " + office
		}
	}
	// A child row belongs to its parent's own office: a deal shared with a
	// partner office (sharedPolicies) shares the deal's row, not its
	// children; a shared agreement shares its history too.
	for _, c := range childTables {
		if _, ok := policy[c.parent]; ok {
			cond := "p.office_id = " + office
			if c.shared {
				cond += " OR p.partner_office_id = " + office
			}
			policy[c.table] = c.column + " IN (SELECT p.id FROM " + c.parent + " p WHERE " + cond + ")"
		}
	}
	for _, x := range tables {
		cond, ok := policy[x.name]
		if !ok {
			continue
		}
		if !x.has {
			if _, err := t.exec(ctx, "CREATE POLICY office_scope ON "+x.name+" TO "+officeRole+" USING ("+cond+") WITH CHECK ("+cond+")"); err != nil {
				return fmt.Errorf("policy on %s: %w", x.name, err)
			}
		}
		if !x.secured {
			// Not FORCE: the owner's own work (migrations, the system's)
			// is not scoped; scoped work runs as officeRole, which owns
			// nothing.
			if _, err := t.exec(ctx, "ALTER TABLE "+x.name+" ENABLE ROW LEVEL SECURITY"); err != nil {
				return err
			}
		}
	}
	for _, p := range sharedPolicies {
		var has bool
		if err := t.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = $1 AND policyname = $2)", p.table, p.name).Scan(&has); err != nil {
			return err
		}
		if has {
			continue
		}
		as := ""
		if p.restrictive {
			as = " AS RESTRICTIVE"
		}
		q := "CREATE POLICY " + p.name + " ON " + p.table + as + " FOR " + p.command + " TO " + officeRole + " USING (" + strings.ReplaceAll(p.cond, "{office}", office) + ")"
		if p.command != "SELECT" {
			q += " WITH CHECK (" + strings.ReplaceAll(p.cond, "{office}", office) + ")"
		}
		if _, err := t.exec(ctx, q); err != nil {
			return fmt.Errorf("policy %s on %s: %w", p.name, p.table, err)
		}
	}
	return nil
}

// sharedPolicies are the deliberate exceptions to office_scope, permissive
// policies that add rows to what an office sees: a deal shared with a
// partner office is readable by it and open to its review; a shared
// agreement is readable by the partner office and open to its moves, and
// both offices read each other's signature. What the partner may change
// (its side of a deal, an agreement's stage) the service checks, and on
// PostgreSQL the triggers deals_partner_side (migration 0033) and
// agreements_partner_side (0034) too. A restrictive policy narrows what
// office_scope allows: an office writes its signature only on an agreement
// it sees.
var sharedPolicies = []struct {
	table, name, command, cond string
	restrictive                bool
}{
	{"deals", "partner_read", "SELECT", "partner_office_id = {office}", false},
	{"deals", "partner_review", "UPDATE", "partner_office_id = {office}", false},
	{"agreements", "partner_read", "SELECT", "partner_office_id = {office}", false},
	{"agreements", "partner_move", "UPDATE", "partner_office_id = {office}", false},
	{"agreement_signatures", "party_read", "SELECT", agreementParty, false},
	{"agreement_signatures", "party_only", "ALL", agreementParty, true},
}

// agreementParty is the condition of a row of an agreement the office
// records or that is shared with it.
const agreementParty = "agreement_id IN (SELECT a.id FROM agreements a WHERE a.office_id = {office} OR a.partner_office_id = {office})"
