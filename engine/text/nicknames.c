/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/nicknames.c: the name-variant and nickname classes of text/words.h (Mohammed =
 * Muhammad, Bill = William): a static table of classes, indexed once per process.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/words.h"
#include "util/strtab.h"

/* Each line is one class; lines starting with '=' are spelling variants of one name (scored
 * NSC_SIM_SPELLING), the others nicknames (NSC_SIM_NICKNAME). The spelling variants are the
 * romanizations in use of Arabic, Persian and Turkish given names (Muhammad, Mohammed, Mehmet)
 * and of Russian and Ukrainian given names (BGN/PCGN, ISO 9, the Ukrainian national system,
 * German and French transcriptions), and the customary spellings of Korean family names; the
 * nicknames are the English hypocorisms of common given names and Russian diminutives. */
static const char *const nick_lines[] = {
    ("=mohammed muhammad mohamed mohammad muhammed mohamad muhamad mohamud mehmet mohd muhamed "
     "mouhamed mohamet muhammet"),
    "=ahmed ahmad ahmet ehmed",
    "=hussein husain hussain husayn hosein hossein husein hussien hossain",
    "=hassan hasan hasen",
    "=hasani hassani",
    "=abdul abd abdel abdol abdoul abdal",
    "=abdullah abdallah abdulla abdalla abdoulaye",
    "=abdulrahman abdurrahman abdelrahman abderrahmane abdalrahman abdurahman",
    "=yusuf yousef yousuf youssef yusef yousif yosef jusuf",
    "=osama usama usamah",
    "=omar umar omer",
    "=mustafa mustapha mostafa moustafa",
    "=ibrahim ebrahim ibraheem",
    "=ismail ismael esmail ismayil",
    "=suleiman sulaiman soliman sulayman suleyman sleiman",
    "=khalid khaled",
    "=mahmoud mahmud mahmood",
    "=said saeed sayed saaed saied saiid sayeed",
    "=yahya yahia yehia yahyah",
    "=ali aly",
    "=abu abou",
    "=jamal gamal",
    "=jafar jaafar ja'far",
    "=qasim kasim qassim kassem qasem",
    "=aleksandr alexander aleksander alexandr alexandre alejandro alessandro",
    "=yevgeny evgeny evgeni yevgeniy evgenii evgenij yevgeni jewgeni",
    "=sergei sergey sergej serguei serhiy serhii",
    "=andrei andrey andrej andriy andrii",
    "=dmitri dmitry dmitrii dmitriy dmytro",
    "=yuri yury iurii yuriy jurij yurii",
    "=alexei alexey aleksei aleksey alexej oleksiy oleksii",
    "=nikolai nikolay nicolai mykola",
    "=vladimir wladimir volodymyr",
    "=mikhail michail mihail mykhailo",
    "=pyotr petr piotr petro",
    "=fyodor fedor feodor",
    "=grigory grigori grigoriy hryhoriy",
    "=anatoly anatoli anatolii anatoliy",
    "=vasily vasili vasiliy vasyl",
    "=viktor victor",
    "=konstantin constantin kostiantyn",
    "=tatiana tatyana tatjana",
    "=natalia natalya nataliya natalja",
    "=yelena elena jelena olena",
    "=yekaterina ekaterina katerina kateryna",
    "=maria mariya marija",
    "=olga olha",
    "=igor ihor",
    "=oleg oleh",
    "=jose josef joseph",
    "=mohammadi mohamadi",
    "=bin ibn ben",
    "=al el ul",
    /* Korean family names and syllables whose Revised Romanization, McCune-Reischauer and
     * customary spellings name no other syllable (Gim = Kim; but RR jong and jeong, un and eun
     * are different syllables, so they are not here) */
    "=kim gim",
    "=lee yi rhee ri",
    "=park pak bak",
    "=choi choe",
    "=kang gang",
    "=cho jo",
    "=yoon yun",
    "=kwon gwon",
    "=shin sin",
    "=kyong gyeong kyung",
    "william bill will billy willy",
    "robert bob rob bobby robbie",
    "richard rick dick rich ricky",
    "james jim jimmy jamie",
    "john jack johnny",
    "margaret maggie peggy meg",
    "elizabeth liz beth betty eliza lisa",
    "michael mike mick mikey",
    "thomas tom tommy",
    "joseph joe joey",
    "charles charlie chuck",
    "edward ed ted eddie ned",
    "alexander alex sasha sandy",
    "aleksandr sasha",
    "catherine kate cathy katie",
    "katherine kate kathy katie",
    "daniel dan danny",
    "david dave davy",
    "anthony tony",
    "christopher chris",
    "nicholas nick nicky",
    "jonathan jon",
    "benjamin ben benny",
    "samuel sam sammy",
    "steven steve stevie",
    "stephen steve",
    "andrew andy drew",
    "patrick pat paddy",
    "jennifer jenny jen",
    "susan sue susie",
    "deborah debbie deb",
    "rebecca becky",
    "dmitry dima",
    "vladimir volodya vova",
    "ivan vanya",
    "mikhail misha",
    "nikolai kolya",
    "yevgeny zhenya",
    "gregory greg",
    "lawrence larry",
    "leonard leo",
    "peter pete",
    "timothy tim",
    "frederick fred freddie",
    "henry harry hank",
    "theodore ted teddy theo",
};
#define N_NICK_LINES (sizeof nick_lines / sizeof nick_lines[0])
_Static_assert(N_NICK_LINES <= 255, "class ids are 1..255 (nick_spelling, nsc__nick_is_spelling)");

#define NICK_TOKLEN 24 /* bytes of a token and its NUL: longer tokens are cut */

typedef struct nick_entry {
    char tok[NICK_TOKLEN];
    uint16_t cls; /* 1 + the index of its line */
} nick_entry;

static int nick_cmp(const void *a, const void *b)
{
    const nick_entry *x = a, *y = b;
    int c = strcmp(x->tok, y->tok);
    return c ? c : (x->cls > y->cls) - (x->cls < y->cls);
}

/* Built once per process from the static lines above; a fixed-size table, so no allocation
 * (and no allocation failure) is involved. */
static nick_entry nick_storage[1024];
static size_t nick_n; /* entries in nick_storage, sorted by token, then class */
static uint16_t nick_slot[2 * sizeof nick_storage / sizeof nick_storage[0]];
static nsc__strtab nick_index;
static unsigned char nick_spelling[256]; /* by class id: a class of spelling variants */
static pthread_once_t nick_once = PTHREAD_ONCE_INIT;

static const char *nick_key(const void *rec) { return ((const nick_entry *)rec)->tok; }

static void nick_build(void)
{
    size_t n = 0;
    for (size_t c = 0; c < N_NICK_LINES; c++) {
        const char *p = nick_lines[c];
        if (*p == '=') {
            nick_spelling[c + 1] = 1;
            p++;
        }
        while (*p) {
            while (*p == ' ') p++;
            size_t k = 0;
            char tok[NICK_TOKLEN];
            while (*p && *p != ' ') {
                if (*p != '\'' && k < sizeof tok - 1) tok[k++] = *p;
                p++;
            }
            tok[k] = '\0';
            if (k && n < sizeof nick_storage / sizeof nick_storage[0]) {
                memcpy(nick_storage[n].tok, tok, k + 1);
                nick_storage[n].cls = (uint16_t)(c + 1);
                n++;
            }
        }
    }
    qsort(nick_storage, n, sizeof nick_storage[0], nick_cmp);
    nick_n = n;
    /* cannot fail: the slots are twice nick_storage */
    (void)nsc__strtab_init(&nick_index, nick_slot, sizeof nick_slot / sizeof nick_slot[0],
                           nick_storage, n, sizeof nick_storage[0], nick_key);
}

int nsc__nick_classes(const char *tok, size_t len, uint16_t cls[2])
{
    pthread_once(&nick_once, nick_build);
    cls[0] = cls[1] = 0;
    if (len >= NICK_TOKLEN) return 0;
    long i = nsc__strtab_find(&nick_index, tok, len);
    if (i < 0) return 0;
    /* the entries of one token are adjacent (sorted), the index finds the first */
    int k = 0;
    for (size_t j = (size_t)i; j < nick_n && k < 2; j++) {
        const nick_entry *e = &nick_storage[j];
        if (strncmp(e->tok, tok, len) != 0 || e->tok[len] != '\0') break;
        cls[k++] = e->cls;
    }
    return k;
}

int nsc__nick_is_spelling(uint16_t c)
{
    pthread_once(&nick_once, nick_build);
    return c < 256 && nick_spelling[c];
}

void nsc__nick_members(uint16_t c, void (*fn)(void *arg, const char *tok), void *arg)
{
    pthread_once(&nick_once, nick_build);
    for (size_t i = 0; i < nick_n; i++)
        if (nick_storage[i].cls == c) fn(arg, nick_storage[i].tok);
}
