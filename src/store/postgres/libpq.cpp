#include "store/postgres/libpq.h"

#include <dlfcn.h>

#include <cassert>

namespace ik::store::postgres {

namespace {

struct Loaded {
    Libpq functions{};
    std::string why;  // empty when loaded
};

Loaded load()
{
    Loaded out;
    // The soname of every libpq since PostgreSQL 8.0.
    void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* e = dlerror();
        out.why = std::string("PostgreSQL's client library is not installed (libpq.so.5: ") +
                  (e ? e : "not found") + "); on Debian: apt-get install libpq5";
        return out;
    }
    auto bind = [&](auto& slot, const char* name) {
        slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(dlsym(handle, name));
        if (!slot && out.why.empty()) out.why = std::string("libpq.so.5 has no ") + name + ": too old a libpq";
    };
#define IK_BIND(name) bind(out.functions.name, #name)
    IK_BIND(PQconninfoParse);
    IK_BIND(PQconninfoFree);
    IK_BIND(PQfreemem);
    IK_BIND(PQconnectdbParams);
    IK_BIND(PQstatus);
    IK_BIND(PQerrorMessage);
    IK_BIND(PQfinish);
    IK_BIND(PQexec);
    IK_BIND(PQprepare);
    IK_BIND(PQexecPrepared);
    IK_BIND(PQresultStatus);
    IK_BIND(PQresultErrorField);
    IK_BIND(PQresultErrorMessage);
    IK_BIND(PQclear);
    IK_BIND(PQntuples);
    IK_BIND(PQnfields);
    IK_BIND(PQgetisnull);
    IK_BIND(PQgetvalue);
    IK_BIND(PQgetlength);
    IK_BIND(PQcmdTuples);
    IK_BIND(PQputCopyData);
    IK_BIND(PQputCopyEnd);
    IK_BIND(PQgetResult);
#undef IK_BIND
    // The library stays loaded for the life of the process.
    return out;
}

const Loaded& loaded()
{
    static const Loaded library = load();
    return library;
}

}  // namespace

const Libpq* load_libpq(std::string* why)
{
    const auto& l = loaded();
    if (!l.why.empty()) {
        if (why) *why = l.why;
        return nullptr;
    }
    return &l.functions;
}

const Libpq& pq()
{
    assert(loaded().why.empty());
    return loaded().functions;
}

}  // namespace ik::store::postgres
