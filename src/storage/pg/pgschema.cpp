#include "storage/pg/pgschema.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "storage/pg/pgschema_sql.h"
#include "storage/pg/pgschema_v10_first_load_freeze.h"
#include "storage/pg/pgschema_v11_segment_names.h"
#include "storage/pg/pgschema_v12_survey_news.h"
#include "storage/pg/pgschema_v13_import_log.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v15_run_partitions.h"
#include "storage/pg/pgschema_v16_batch_copy_token.h"
#include "storage/pg/pgschema_v17_batch_copies.h"
#include "storage/pg/pgschema_v4_import.h"
#include "storage/pg/pgschema_v5.h"
#include "storage/pg/pgschema_v6_first_load.h"
#include "storage/pg/pgschema_v7_settings_news.h"
#include "storage/pg/pgschema_v8_desk_writes.h"
#include "storage/pg/pgschema_v9_merges.h"
#include "storage/pg/pgxidmarkers.h"

namespace bd::storage {
namespace {

/// Tables whose every row change the database records (row trigger "audit_row").
constexpr std::array<std::string_view, 23> kRowAudited = {
    "clients", "contacts", "tags", "client_tags", "client_notes", "client_corrections", "brokers",
    "branches", "bd_users", "bd_meta", "client_relations",
    // version 5: the book's settings and surveys (pgschema_v5.cpp)
    "settings", "calendar_days", "channel_limits", "service_policies", "survey_templates",
    "survey_items", "survey_campaigns", "survey_calls", "survey_answers",
    // version 9: who merged which two clients (pgschema_v9_merges.cpp)
    "client_merges",
    // version 13: the import history (pgschema_v13_import_log.cpp)
    "import_log",
    // version 17: the batch's kept copies (pgschema_v17_batch_copies.cpp)
    "bd_batch_copies"};
/// Bulk tables the batch loads: a count per statement ("audit_bulk_insert").
constexpr std::array<std::string_view, 23> kBulkAudited = {
    "trades", "assets", "positions", "securities",
    // version 3: the batch's results (pgschema_v3.cpp)
    "analytics_runs", "analytics_results", "client_scores", "clv_models", "segment_runs",
    "segments", "segment_labels", "segment_factors", "segment_factor_loadings", "segment_k_choices",
    "segment_migrations", "kpi_months", "kpi_contacts", "kpi_vip_changes", "plan_runs",
    "follow_up_tasks", "plan_tasks", "plan_dropped",
    // version 9: a merge's record of what it moved
    "client_merge_rows"};
/// Tables whose changes desks are told of (NOTIFY bd_book, "notify_change").
constexpr std::array<std::string_view, 6> kNotified = {
    "clients", "contacts", "client_tags", "client_notes", "client_corrections", "client_relations"};
/// The trails nobody but the owner may change ("append_only"): the journal, the database's
/// trail and (version 13) the import history.
constexpr std::array<std::string_view, 3> kAppendOnly = {"audit_log", "row_audit", "import_log"};

Result<bool> isSuperuser(PgConnection& c) {
    auto r = c.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    if (!r) return r.error();
    return !r->empty() && r->boolean(0, 0);
}

bool validLogin(std::string_view login) {
    if (login.empty() || login.size() > 63) return false;
    if (!(login[0] >= 'a' && login[0] <= 'z') && login[0] != '_') return false;
    for (char ch : login)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
              ch == '-'))
            return false;
    return true;
}

/// A login of bd_users entered as batch, enabled, and in no group but batch (r: pg_roles, u:
/// bd_users): the only login that may bypass row-level security.
constexpr std::string_view kBatchOnly =
    "COALESCE(u.role = 'batch' AND NOT u.disabled, false)"
    " AND pg_has_role(r.oid, 'batch', 'MEMBER') AND NOT pg_has_role(r.oid, 'broker', 'MEMBER')"
    " AND NOT pg_has_role(r.oid, 'manager', 'MEMBER')"
    " AND NOT pg_has_role(r.oid, 'bd_owner', 'MEMBER')";

/// Batch logins bypass row-level security, so that an import COPYs straight into a table
/// (PostgreSQL refuses COPY into a table under a policy); their policy grants them every row
/// anyway, so nothing new becomes visible. A role attribute is not inherited from the batch
/// group: each login carries it. Logins added before version 6 get it here.
Status letBatchLoginsCopy(PgConnection& admin) {
    auto logins = admin.query("SELECT r.rolname FROM pg_roles r JOIN bd_users u ON u.login = "
                              "r.rolname WHERE NOT r.rolbypassrls AND " +
                              std::string(kBatchOnly) + " ORDER BY 1");
    if (!logins) return logins.error();
    for (int i = 0; i < logins->size(); ++i)
        if (auto s = admin.run("ALTER ROLE " + quoteIdentifier(admin, logins->text(i, 0)) +
                               " BYPASSRLS");
            !s)
            return s;
    return {};
}

/// Versions 4 on, each in a file of its own: version N's migration brings a book of version N-1
/// up to N, inside initServer's transaction, as bd_owner.
struct Migration {
    int version;
    Status (*apply)(PgConnection& admin);
};
constexpr Migration kMigrations[] = {
    {4, migrateImportV4},
    {5, migrateV5},
    {6, migrateFirstLoadV6},
    {7, migrateSettingsNewsV7},
    {8, migrateDeskWritesV8},
    {9, migrateMergesV9},
    {10, migrateFirstLoadFreezeV10},
    {11, migrateSegmentNamesV11},
    {12, migrateSurveyNewsV12},
    {13, migrateImportLogV13},
    {14, migrateChangeTrackingV14},
    {15, migrateRunPartitionsV15},
    {kServerBatchCopyTokenVersion, migrateBatchCopyTokenV16},
    {kServerBatchCopiesVersion, migrateBatchCopiesV17},
};
// A version written without its migration here would be stamped on books that lack it.
static_assert(std::size(kMigrations) == kServerSchemaVersion - 3 &&
              kMigrations[std::size(kMigrations) - 1].version == kServerSchemaVersion);

} // namespace

Status requireSuperuser(PgConnection& c, std::string_view what) {
    auto super = isSuperuser(c);
    if (!super) return super.error();
    if (!*super)
        return makeError(ErrorCode::NotPermitted,
                         std::string(what) +
                             " needs the database administrator (a superuser "
                             "login, e.g. postgres); " +
                             c.user() + " is not one");
    return {};
}

Result<int> serverSchemaVersion(PgConnection& c) {
    auto exists = c.query("SELECT to_regclass('public.bd_meta') IS NOT NULL");
    if (!exists) return exists.error();
    if (!exists->boolean(0, 0)) return 0;
    auto v = c.query("SELECT value FROM bd_meta WHERE key = 'schema_version'");
    if (!v) return v.error();
    if (v->empty()) return 0;
    return static_cast<int>(v->int64(0, 0));
}

Status requireServerBook(PgConnection& c) {
    auto v = serverSchemaVersion(c);
    if (!v) return v.error();
    if (*v == 0)
        return makeError(ErrorCode::NotFound,
                         "database " + c.database() +
                             " is no BrokerDesk branch book: run `brokerdesk-cli server init` "
                             "on it first (as the database administrator)");
    if (*v > kServerSchemaVersion)
        return makeError(ErrorCode::Version,
                         "the branch book " + c.database() + " has schema version " +
                             std::to_string(*v) + ", newer than this BrokerDesk (" +
                             std::to_string(kServerSchemaVersion) +
                             "); install the BrokerDesk version the server was set up with");
    return {};
}

Result<BookLogin> bookLogin(PgConnection& c) {
    auto r = c.query("SELECT COALESCE(bd_my_role(), ''), COALESCE(bd_my_broker(), ''), "
                     "COALESCE(bd_my_branch(), '')");
    if (!r) return r.error();
    return BookLogin{r->text(0, 0), r->text(0, 1), r->text(0, 2)};
}

Status requireBookUser(PgConnection& c) {
    auto r = c.query("SELECT bd_my_role() IS NOT NULL OR (SELECT rolsuper FROM pg_roles WHERE "
                     "rolname = current_user)");
    if (!r) return r.error();
    if (r->boolean(0, 0)) return {};
    return makeError(ErrorCode::NotPermitted,
                     "login " + c.user() + " is no user of the branch book " + c.database() +
                         " (or was disabled); the administrator adds it with `brokerdesk-cli "
                         "server user add`");
}

Result<ServerInit> initServer(PgConnection& admin, int upTo) {
    if (upTo < 1 || upTo > kServerSchemaVersion)
        return makeError(ErrorCode::Internal, "no server schema version " + std::to_string(upTo));
    if (auto s = requireSuperuser(admin, "server init"); !s) return s.error();
    auto from = serverSchemaVersion(admin);
    if (!from) return from.error();
    if (*from > kServerSchemaVersion)
        return makeError(ErrorCode::Version,
                         "the branch book " + admin.database() + " has schema version " +
                             std::to_string(*from) + ", newer than this BrokerDesk (" +
                             std::to_string(kServerSchemaVersion) + "); nothing was changed");
    ServerInit out{*from, std::max(*from, upTo)};
    if (*from >= upTo) {
        if (auto s = letBatchLoginsCopy(admin); !s) return s.error();
        return out;
    }
    // Roles are cluster-wide and outlive one database: created when missing, outside the
    // book's transaction (a failed init leaves at most the four empty group roles).
    if (auto s = admin.script(pgsql::kRoles); !s) return s.error();
    auto tx = PgTransaction::begin(admin);
    if (!tx) return tx.error();
    // The schema belongs to the database owner; bd_owner creates the book's objects in it and
    // the groups may use them. Then everything is made as bd_owner, so that it owns it all.
    const std::string db = quoteIdentifier(admin, admin.database());
    for (const std::string& sql :
         {std::string("GRANT ALL ON SCHEMA public TO bd_owner"),
          std::string("GRANT USAGE ON SCHEMA public TO broker, manager, batch"),
          std::string("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
          // Only this book's own logins connect to it (addServerUser grants each): a login of
          // another book on the same server is refused at the door. No temporary tables.
          "REVOKE CONNECT, TEMPORARY ON DATABASE " + db + " FROM PUBLIC",
          std::string("SET LOCAL ROLE bd_owner")})
        if (auto s = admin.run(sql); !s) return s.error();
    // A new book gets version 1 whole, then each later version's changes; a book of an older
    // version only the changes after it.
    if (*from == 0)
        for (const char* script :
             {pgsql::kSchemaV1, pgsql::kIdentity, pgsql::kAuditTriggers, pgsql::kAuditAttach,
              pgsql::kNotify, pgsql::kGrants, pgsql::kPolicies})
            if (auto s = admin.script(script); !s) return s.error();
    if (*from < 2 && upTo >= 2)
        if (auto s = admin.script(pgsql::kSchemaV2); !s) return s.error();
    if (*from < 3 && upTo >= 3) {
        if (auto s = admin.script(pgsql::kSchemaV3); !s) return s.error();
        // The batch stages its results in temporary tables (COPY cannot fill a table under
        // row-level security); no person's group may make them.
        for (const std::string& sql :
             {std::string("RESET ROLE"), "GRANT TEMPORARY ON DATABASE " + db + " TO batch",
              std::string("SET LOCAL ROLE bd_owner")})
            if (auto s = admin.run(sql); !s) return s.error();
    }
    for (const Migration& m : kMigrations)
        if (*from < m.version && m.version <= upTo)
            if (auto s = m.apply(admin); !s) return s.error();
    if (auto s = admin.run("INSERT INTO bd_meta(key, value) VALUES ('schema_version', $1) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           PgParams(std::to_string(upTo)));
        !s)
        return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    if (auto s = letBatchLoginsCopy(admin); !s) return s.error();
    return out;
}

Status addServerUser(PgConnection& admin, const ServerUser& user,
                     const std::optional<std::string>& password) {
    if (auto s = requireServerBook(admin); !s) return s;
    if (!validLogin(user.login))
        return makeError(ErrorCode::InvalidInput,
                         "login '" + user.login +
                             "' must be 1-63 lower-case letters, digits, '_', '.' or '-', "
                             "starting with a letter or '_'");
    if (user.role != "broker" && user.role != "manager" && user.role != "batch")
        return makeError(ErrorCode::InvalidInput,
                         "role '" + user.role + "' must be broker, manager or batch");
    if (user.role == "batch")
        if (auto s =
                requireSuperuser(admin, "adding a batch login (it bypasses row-level security)");
            !s)
            return s;
    if (user.role == "broker" && user.broker_id.empty())
        return makeError(ErrorCode::InvalidInput, "a broker login needs --broker-id");
    if (user.role != "broker" && !user.broker_id.empty())
        return makeError(ErrorCode::InvalidInput, "--broker-id is for broker logins only");
    auto tx = PgTransaction::begin(admin);
    if (!tx) return tx.error();
    auto exists = admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", PgParams(user.login));
    if (!exists) return exists.error();
    if (!exists->empty())
        return makeError(ErrorCode::InvalidInput,
                         "login '" + user.login + "' exists already on this server");
    // The broker and the branch a login is tied to (when it is) are in the book.
    const struct {
        std::string_view what;
        std::string_view sql;
        const std::string& id;
    } refs[] = {{"broker", "SELECT 1 FROM brokers WHERE broker_id = $1", user.broker_id},
                {"branch", "SELECT 1 FROM branches WHERE branch_id = $1", user.branch_id}};
    for (const auto& ref : refs) {
        if (ref.id.empty()) continue;
        auto found = admin.query(ref.sql, PgParams(ref.id));
        if (!found) return found.error();
        if (found->empty())
            return makeError(ErrorCode::InvalidInput,
                             std::string(ref.what) + " '" + ref.id + "' is not in the branch book");
    }
    // A batch login bypasses row-level security (letBatchLoginsCopy says why); a person never.
    std::string create = "CREATE ROLE " + quoteIdentifier(admin, user.login) +
                         " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE " +
                         (user.role == "batch" ? "BYPASSRLS" : "NOBYPASSRLS") + " IN ROLE " +
                         user.role;
    if (password) {
        auto verifier = passwordVerifier(admin, user.login, *password);
        if (!verifier) return verifier.error();
        create += " PASSWORD " + quoteLiteral(admin, *verifier);
    }
    if (auto s = admin.run(create); !s) return s;
    if (auto s = admin.run("GRANT CONNECT ON DATABASE " + quoteIdentifier(admin, admin.database()) +
                           " TO " + quoteIdentifier(admin, user.login));
        !s)
        return s;
    if (auto s = admin.run("INSERT INTO bd_users(login, role, broker_id, branch_id)"
                           " VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''))",
                           PgParams(user.login, user.role, user.broker_id, user.branch_id));
        !s)
        return s;
    return tx->commit();
}

Result<std::vector<ServerUser>> listServerUsers(PgConnection& c) {
    auto rows = c.query("SELECT login, role, COALESCE(broker_id, ''), COALESCE(branch_id, ''),"
                        " disabled FROM bd_users ORDER BY role, login");
    if (!rows) return rows.error();
    std::vector<ServerUser> out;
    for (int i = 0; i < rows->size(); ++i)
        out.push_back({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2), rows->text(i, 3),
                       rows->boolean(i, 4)});
    return out;
}

Status disableServerUser(PgConnection& admin, const std::string& login) {
    if (auto s = requireServerBook(admin); !s) return s;
    auto tx = PgTransaction::begin(admin);
    if (!tx) return tx.error();
    auto r = admin.query("UPDATE bd_users SET disabled = true WHERE login = $1", PgParams(login));
    if (!r) return r.error();
    if (r->changed() == 0)
        return makeError(ErrorCode::NotFound,
                         "login '" + login + "' is not a BrokerDesk user here");
    // A disabled batch login loses its bypass of row-level security with its login.
    auto bypass =
        admin.query("SELECT rolbypassrls FROM pg_roles WHERE rolname = $1", PgParams(login));
    if (!bypass) return bypass.error();
    const bool bypasses = !bypass->empty() && bypass->boolean(0, 0);
    if (auto s = admin.run("ALTER ROLE " + quoteIdentifier(admin, login) + " NOLOGIN" +
                           (bypasses ? " NOBYPASSRLS" : ""));
        !s)
        return s;
    if (auto s =
            admin.run("REVOKE CONNECT ON DATABASE " + quoteIdentifier(admin, admin.database()) +
                      " FROM " + quoteIdentifier(admin, login));
        !s)
        return s;
    if (auto s = tx->commit(); !s) return s;
    // Sessions already open end now: a disabled person keeps no desk. (Until they end, the
    // policies already see the entry disabled and show that session nothing.)
    return admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
                     PgParams(login));
}

Result<std::vector<ServerFinding>> checkServer(PgConnection& c) {
    if (auto s = requireServerBook(c); !s) return s.error();
    std::vector<ServerFinding> out;
    constexpr std::string_view kTables =
        "FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
        " WHERE n.nspname = 'public' AND t.relkind IN ('r', 'p')";
    // Each kind of finding, with the query that lists what it is found in.
    const std::pair<std::string_view, std::string> kListed[] = {
        {"rls_not_forced", "SELECT t.relname " + std::string(kTables) +
                               " AND NOT (t.relrowsecurity AND t.relforcerowsecurity)"
                               " ORDER BY 1"},
        {"not_owned_by_owner", "SELECT t.relname " + std::string(kTables) +
                                   " AND pg_get_userbyid(t.relowner) <> 'bd_owner' ORDER BY 1"},
        {"no_policy", "SELECT t.relname " + std::string(kTables) +
                          " AND NOT EXISTS (SELECT 1 FROM pg_policy p"
                          " WHERE p.polrelid = t.oid) ORDER BY 1"},
        // A person (a login that is no superuser, i.e. not the administrator) holding bd_owner,
        // directly or through another role, or allowed to bypass row-level security.
        {"owner_held_by_person",
         "SELECT r.rolname FROM pg_roles r WHERE r.rolcanlogin AND NOT r.rolsuper"
         " AND pg_has_role(r.oid, 'bd_owner', 'MEMBER')"
         // roles are the server's: the ones that can reach this book
         " AND has_database_privilege(r.oid, current_database(), 'CONNECT')"
         " ORDER BY 1"},
        // A user of the book that is a superuser, or any login of the book that bypasses
        // row-level security, other than an enabled batch-only login (letBatchLoginsCopy).
        {"person_bypasses_rls",
         "SELECT r.rolname FROM pg_roles r LEFT JOIN bd_users u ON u.login = "
         "r.rolname WHERE (u.login IS NOT NULL AND r.rolsuper) OR"
         " (r.rolbypassrls AND NOT r.rolsuper AND (u.login IS NOT NULL OR"
         " (r.rolcanlogin AND has_database_privilege(r.oid, current_database(),"
         " 'CONNECT'))) AND NOT (" +
             std::string(kBatchOnly) + ")) ORDER BY 1"},
        // A definer function anyone may call runs as bd_owner for them; a schema anyone may
        // create in lets them shadow what the book uses.
        {"public_can_execute", "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                               "p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef AND "
                               "has_function_privilege('public', p.oid, 'EXECUTE') ORDER BY 1"},
        {"public_can_create",
         "SELECT 'public' WHERE has_schema_privilege('public', 'public', 'CREATE')"},
        // A partition (version 15: a run's results) read by its own name is under its own
        // policies, not its parent's: each of the parent's must be there as the parent has it
        // now — the same command, roles, kind and expressions, so a later change of a parent's
        // policy that left its partitions behind is found (a partition without row-level
        // security forced is rls_not_forced, above). And nobody writes a partition directly,
        // past the parent's trail.
        {"partition_policy_missing",
         "SELECT c.relname || '.' || pp.polname FROM pg_inherits i JOIN pg_class c ON c.oid ="
         " i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_policy pp ON"
         " pp.polrelid = i.inhparent WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM"
         " pg_policy cp WHERE cp.polrelid = i.inhrelid AND cp.polname = pp.polname"
         " AND cp.polcmd = pp.polcmd AND cp.polpermissive = pp.polpermissive"
         " AND cp.polroles::oid[] @> pp.polroles::oid[] AND cp.polroles::oid[] <@"
         " pp.polroles::oid[] AND pg_get_expr(cp.polqual, cp.polrelid) IS NOT DISTINCT FROM"
         " pg_get_expr(pp.polqual, pp.polrelid) AND pg_get_expr(cp.polwithcheck, cp.polrelid)"
         " IS NOT DISTINCT FROM pg_get_expr(pp.polwithcheck, pp.polrelid)) ORDER BY 1"},
        {"partition_writable",
         "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN"
         " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND EXISTS"
         " (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner AND"
         " a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')) ORDER BY 1"},
    };
    for (const auto& [kind, sql] : kListed) {
        auto rows = c.query(sql);
        if (!rows) return rows.error();
        for (int i = 0; i < rows->size(); ++i) out.push_back({std::string(kind), rows->text(i, 0)});
    }
    const auto requireTrigger = [&](std::string_view table, std::string_view trigger,
                                    std::string_view kind = "audit_trigger_missing") -> Status {
        auto r = c.query("SELECT 1 FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
                         " WHERE t.relname = $1 AND g.tgname = $2 AND g.tgenabled <> 'D'",
                         PgParams(table, trigger));
        if (!r) return r.error();
        if (r->empty())
            out.push_back({std::string(kind), std::string(table) + "." + std::string(trigger)});
        return {};
    };
    for (std::string_view t : kRowAudited)
        if (auto s = requireTrigger(t, "audit_row"); !s) return s.error();
    for (std::string_view t : kBulkAudited)
        if (auto s = requireTrigger(t, "audit_bulk_insert"); !s) return s.error();
    for (std::string_view t : kAppendOnly)
        if (auto s = requireTrigger(t, "append_only"); !s) return s.error();
    for (std::string_view t : kNotified)
        if (auto s = requireTrigger(t, "notify_change", "notify_trigger_missing"); !s)
            return s.error();
    // The branch's settings: a change is news for every desk's replica (version 7).
    for (std::string_view t : kServerSettingsTables)
        if (auto s = requireTrigger(t, "notify_settings", "notify_trigger_missing"); !s)
            return s.error();
    if (auto s = requireTrigger("brokers", "notify_settings", "notify_trigger_missing"); !s)
        return s.error();
    // The plan items a person changes (version 8): audited and announced.
    for (const auto& [trigger, kind] : {std::pair{"audit_row", "audit_trigger_missing"},
                                        std::pair{"audit_person_insert", "audit_trigger_missing"},
                                        std::pair{"notify_change", "notify_trigger_missing"}})
        if (auto s = requireTrigger("follow_up_tasks", trigger, kind); !s) return s.error();
    // What a merge moves in bulk (version 9): counted in the trail.
    for (std::string_view t : {"trades", "assets", "positions"})
        if (auto s = requireTrigger(t, "audit_bulk_update"); !s) return s.error();
    for (std::string_view t : {"assets", "positions", "client_merge_rows"})
        if (auto s = requireTrigger(t, "audit_bulk_delete"); !s) return s.error();
    // A manager's rename of a segment (version 11): audited and announced.
    if (auto s = requireTrigger("segments", "audit_row"); !s) return s.error();
    if (auto s = requireTrigger("segments", "notify_names", "notify_trigger_missing"); !s)
        return s.error();
    // A manager's new survey template or campaign (version 12): news for every desk.
    for (std::string_view t : {"survey_templates", "survey_campaigns"})
        if (auto s = requireTrigger(t, "notify_settings", "notify_trigger_missing"); !s)
            return s.error();
    // The client records' change tracking (version 14): each row's writer, set by the database,
    // and the removed rows recorded; without them the batch's kept copy would miss changes.
    for (const TrackedTable& t : kTrackedTables) {
        auto col = c.query("SELECT 1 FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = "
                           "a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = $1::regclass "
                           "AND a.attname = $2 AND NOT a.attisdropped AND pg_get_expr(d.adbin, "
                           "d.adrelid) = 'pg_current_xact_id()'",
                           PgParams(t.name, kWriterColumn));
        if (!col) return col.error();
        if (col->empty())
            out.push_back({"tracking_column_missing",
                           std::string(t.name) + "." + std::string(kWriterColumn)});
        for (std::string_view trigger :
             {"bd_mark", "bd_gone_delete", "bd_gone_update", "bd_gone_truncate"})
            if (auto s = requireTrigger(t.name, trigger, "tracking_trigger_missing"); !s)
                return s.error();
    }
    // Transaction ids the book recorded that this server has not reached (restored from a
    // logical dump into a new cluster): the change tracking stalls until they are reset.
    auto ahead = xidMarkersAhead(c);
    if (!ahead) return ahead.error();
    out.insert(out.end(), ahead->begin(), ahead->end());
    return out;
}

} // namespace bd::storage
