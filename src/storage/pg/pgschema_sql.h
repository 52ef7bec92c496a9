#pragma once
// The SQL texts of the branch book on PostgreSQL (pgschema_v1.cpp: tables, pgschema_v2.cpp and
// pgschema_v3.cpp: the changes of versions 2 and 3; pgsecurity_sql.cpp: roles, grants, row-level
// security, audit triggers). Run by pgschema.cpp only.

namespace bd::storage::pgsql {

extern const char* const kSchemaV1;
extern const char* const kSchemaV2;
extern const char* const kSchemaV3;
extern const char* const kRoles;
extern const char* const kIdentity;
extern const char* const kAuditTriggers;
extern const char* const kAuditAttach;
extern const char* const kNotify;
extern const char* const kGrants;
extern const char* const kPolicies;

} // namespace bd::storage::pgsql
