#include <stdio.h>
#include <string.h>
#include "model.h"
int main(int argc, char **argv) {
    nsc_engine *eng; nsc_engine_new(&eng, NULL);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT; o.format = argv[1]; if (argc > 3) o.name = argv[3];
    int rc = nsc_engine_load(eng, argv[2], &o);
    if (rc) { printf("rc %d %s\n", rc, nsc_engine_errmsg(eng)); nsc_engine_free(eng); return 1; }
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    printf("list %s entries %zu names %zu published %s\n", l->name, l->n_entities, l->n_names, l->published);
    for (size_t w = 0; w < l->n_warnings; w++) printf("warn: %s\n", l->warnings[w]);
    for (size_t i = 0; i < l->n_entities && i < (argc > 4 ? 100000u : 8u); i++) {
        const nsc__entity *e = l->entities[i];
        printf("[%s] type %d gender %d\n", e->id, e->type, e->gender);
        for (const nsc__name *n = e->names; n; n = n->next) printf("  name %d %u %s\n", n->kind, n->flags, n->text);
        for (const nsc__dob *d = e->dobs; d; d = d->next) { char b[32]; nsc__date_format(b, &d->date); printf("  dob %s\n", b); }
        for (const nsc__country *c = e->countries; c; c = c->next) printf("  country %d %s %s\n", c->role, c->code, c->text);
        for (const nsc__ident *c = e->idents; c; c = c->next) printf("  id %d %s | %s | %s\n", c->type, c->value, c->country ? c->country : "-", c->label ? c->label : "-");
        for (const nsc__text *t = e->programs; t; t = t->next) printf("  program %s\n", t->text);
        for (const nsc__text *t = e->addresses; t; t = t->next) printf("  address %s\n", t->text);
        for (const nsc__text *t = e->xrefs; t; t = t->next) printf("  xref %s\n", t->text);
        if (e->remarks) printf("  remarks %.80s\n", e->remarks);
    }
    nsc_engine_free(eng);
    return 0;
}
