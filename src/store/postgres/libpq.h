// libpq, loaded when a PostgreSQL ledger is first opened rather than linked: a member
// on an SQLite file never loads it and the twenty libraries it brings (TLS, Kerberos,
// LDAP), which cost every command about 4 ms at start (docs/performance.md).
#pragma once

#include <libpq-fe.h>

#include <string>

namespace ik::store::postgres {

// The libpq functions the store calls, named as libpq names them.
struct Libpq {
    decltype(&::PQconninfoParse) PQconninfoParse;
    decltype(&::PQconninfoFree) PQconninfoFree;
    decltype(&::PQfreemem) PQfreemem;
    decltype(&::PQconnectdbParams) PQconnectdbParams;
    decltype(&::PQstatus) PQstatus;
    decltype(&::PQerrorMessage) PQerrorMessage;
    decltype(&::PQfinish) PQfinish;
    decltype(&::PQexec) PQexec;
    decltype(&::PQprepare) PQprepare;
    decltype(&::PQexecPrepared) PQexecPrepared;
    decltype(&::PQresultStatus) PQresultStatus;
    decltype(&::PQresultErrorField) PQresultErrorField;
    decltype(&::PQresultErrorMessage) PQresultErrorMessage;
    decltype(&::PQclear) PQclear;
    decltype(&::PQntuples) PQntuples;
    decltype(&::PQnfields) PQnfields;
    decltype(&::PQgetisnull) PQgetisnull;
    decltype(&::PQgetvalue) PQgetvalue;
    decltype(&::PQgetlength) PQgetlength;
    decltype(&::PQcmdTuples) PQcmdTuples;
    decltype(&::PQputCopyData) PQputCopyData;
    decltype(&::PQputCopyEnd) PQputCopyEnd;
    decltype(&::PQgetResult) PQgetResult;
};

// libpq, loaded on the first call (thread-safe); nullptr when it cannot be, with why
// in `why` (Debian's package libpq5 is missing, say).
const Libpq* load_libpq(std::string* why = nullptr);

// The loaded library; only after load_libpq() succeeded (Connection::open).
const Libpq& pq();

}  // namespace ik::store::postgres
