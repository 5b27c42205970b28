/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_entity.c: list entities through the public API: from a hit and by list and id, their
 * JSON and the hit's (snprintf contract, fixed keys, valid JSON), and the content hash (the same
 * across file formats and orders, different when a fact changes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "namescreen.h"

#define DIR NSC_TEST_DATA "/entity/"

static nsc_engine *open_list(const char *path, const char *format)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = format;
    lo.name = "l";
    if (nsc_engine_load(e, path, &lo) != 0) fail_msg("%s: %s", path, nsc_engine_errmsg(e));
    assert_int_equal(nsc_engine_freeze(e), 0);
    return e;
}

static void hash_of(char out[33], const nsc_engine *e, const char *id)
{
    const nsc_entity *ent;
    assert_int_equal(nsc_engine_entity(&ent, e, "l", id), 0);
    nsc_entity_content_hash(out, ent);
    assert_int_equal(strlen(out), 32);
}

static void test_lookup(void **state)
{
    (void)state;
    nsc_engine *e = open_list(DIR "generic.csv", "csv");
    const nsc_entity *ent = (const nsc_entity *)1;
    assert_int_equal(nsc_engine_entity(&ent, e, "l", "E9"), NSC_ENOTFOUND);
    assert_null(ent);
    assert_int_equal(nsc_engine_entity(&ent, e, "nolist", "E1"), NSC_ENOTFOUND);
    assert_int_equal(nsc_engine_entity(&ent, e, "l", NULL), NSC_EINVAL);
    assert_int_equal(nsc_engine_entity(&ent, e, "l", "E1"), 0);
    assert_string_equal(nsc_entity_id(ent), "E1");
    assert_string_equal(nsc_entity_list(ent), "l");
    assert_int_equal(nsc_entity_get_type(ent), NSC_TYPE_PERSON);
    assert_string_equal(nsc_entity_primary_name(ent), "Ivan Testovich Primerov");

    /* the hit's entity is the same object */
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Иван Тестович Примеров";
    nsc_hits *hits;
    assert_int_equal(nsc_screen(&hits, e, &q, NULL), 0);
    assert_true(nsc_hits_count(hits) >= 1);
    const nsc_hit *h = nsc_hits_get(hits, 0);
    assert_ptr_equal(nsc_hit_entity(h), ent);
    assert_string_equal(nsc_hit_matched_name(h), "Иван Тестович Примеров");
    /* the hit set keeps the engine alive: its entity is readable after the engine is freed */
    nsc_engine_free(e);
    assert_string_equal(nsc_entity_primary_name(nsc_hit_entity(h)), "Ivan Testovich Primerov");
    nsc_hits_free(hits);

    /* a comparison's hit is on no entity */
    nsc_engine *c;
    assert_int_equal(nsc_engine_new(&c, NULL), 0);
    assert_int_equal(nsc_engine_freeze(c), 0);
    assert_int_equal(nsc_compare(&hits, c, &q, "Ivan Primerov"), 0);
    assert_null(nsc_hit_entity(nsc_hits_get(hits, 0)));
    char buf[4096];
    long n = nsc_hit_json(buf, sizeof buf, nsc_hits_get(hits, 0), NSC_JSON_ENTITY);
    assert_true(n > 0 && (size_t)n < sizeof buf);
    assert_non_null(strstr(buf, "\"content_hash\":null"));
    assert_non_null(strstr(buf, "\"entity\":null}"));
    nsc_hits_free(hits);
    nsc_engine_free(c);
}

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v)) fail_msg("no key '%s'", key);
    return v;
}

static void test_json(void **state)
{
    (void)state;
    nsc_engine *e = open_list(DIR "generic.csv", "csv");
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Ivan Primerov";
    q.dob = "1961";
    nsc_hits *hits;
    assert_int_equal(nsc_screen(&hits, e, &q, NULL), 0);
    const nsc_hit *h = nsc_hits_get(hits, 0);
    assert_non_null(h);

    /* snprintf contract: the length needed, truncated output NUL-terminated, stable bytes */
    long need = nsc_hit_json(NULL, 0, h, NSC_JSON_ENTITY);
    assert_true(need > 100);
    char *full = malloc((size_t)need + 1);
    assert_int_equal(nsc_hit_json(full, (size_t)need + 1, h, NSC_JSON_ENTITY), need);
    assert_int_equal(strlen(full), (size_t)need);
    char small[16];
    assert_int_equal(nsc_hit_json(small, sizeof small, h, NSC_JSON_ENTITY), need);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, full, sizeof small - 1);
    assert_int_equal(nsc_hit_json(small, sizeof small, h, 0x80), NSC_EINVAL);
    assert_int_equal(nsc_hit_json(NULL, 5, h, 0), NSC_EINVAL);

    json_object *o = json_tokener_parse(full);
    assert_non_null(o);
    /* keys in their documented order */
    static const char *const hit_keys[] = {
        "score",        "list",     "entity_id", "entity_type",  "matched_name",    "name_kind",
        "primary_name", "programs", "xrefs",     "list_version", "scoring_version", "content_hash",
        "explanation",  "tokens",   "evidence",  "entity",
    };
    size_t k = 0;
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        assert_true(k < sizeof hit_keys / sizeof hit_keys[0]);
        assert_string_equal(key, hit_keys[k]);
        k++;
    }
    assert_int_equal(k, sizeof hit_keys / sizeof hit_keys[0]);
    assert_string_equal(json_object_get_string(get(o, "entity_id")), "E1");
    assert_string_equal(json_object_get_string(get(o, "scoring_version")), NSC_SCORING_VERSION);
    assert_true(json_object_array_length(get(o, "evidence")) >= 1);
    json_object *ent = get(o, "entity");
    assert_string_equal(json_object_get_string(get(ent, "content_hash")),
                        json_object_get_string(get(o, "content_hash")));
    json_object *names = get(ent, "names");
    assert_int_equal(json_object_array_length(names), 3);
    json_object *n2 = json_object_array_get_idx(names, 2);
    assert_string_equal(json_object_get_string(get(n2, "name")), "Иван Тестович Примеров");
    assert_string_equal(json_object_get_string(get(n2, "kind")), "alias");
    json_object *dobs = get(ent, "dates_of_birth");
    assert_string_equal(json_object_get_string(json_object_array_get_idx(dobs, 0)), "1961-02-12");
    json_object *c0 = json_object_array_get_idx(get(ent, "countries"), 0);
    assert_string_equal(json_object_get_string(get(c0, "code")), "ru");
    assert_true(json_object_is_type(get(ent, "remarks"), json_type_null));
    assert_true(json_object_is_type(get(ent, "gender"), json_type_null));

    /* the entity alone is the same object as in the hit */
    long ne = nsc_entity_json(NULL, 0, nsc_hit_entity(h));
    char *ej = malloc((size_t)ne + 1);
    nsc_entity_json(ej, (size_t)ne + 1, nsc_hit_entity(h));
    assert_non_null(strstr(full, ej));
    /* without NSC_JSON_ENTITY there is no entity key */
    char buf[8192];
    assert_true(nsc_hit_json(buf, sizeof buf, h, 0) < (long)sizeof buf);
    assert_null(strstr(buf, "\"entity\":"));
    free(ej);
    json_object_put(o);
    free(full);
    nsc_hits_free(hits);
    nsc_engine_free(e);
}

static void test_content_hash(void **state)
{
    (void)state;
    nsc_engine *a = open_list(DIR "generic.csv", "csv");
    nsc_engine *b = open_list(DIR "reordered.csv", "csv");
    nsc_engine *c = open_list(DIR "targets.simple.csv", "os-csv");
    nsc_engine *d = open_list(DIR "changed.csv", "csv");
    static const char *const ids[] = { "E1", "E2" };
    for (size_t i = 0; i < 2; i++) {
        char ha[33], hb[33], hc[33], hd[33];
        hash_of(ha, a, ids[i]);
        hash_of(hb, b, ids[i]);
        hash_of(hc, c, ids[i]);
        hash_of(hd, d, ids[i]);
        print_message("%s %s %s %s %s\n", ids[i], ha, hb, hc, hd);
        assert_string_equal(ha, hb); /* order, country code or name */
        assert_string_equal(ha, hc); /* another file format */
        assert_string_not_equal(ha, hd);
    }
    char h1[33], h2[33];
    hash_of(h1, a, "E1");
    hash_of(h2, a, "E2");
    assert_string_not_equal(h1, h2);
    nsc_engine_free(a);
    nsc_engine_free(b);
    nsc_engine_free(c);
    nsc_engine_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_content_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
