import unicodedata, sys
FOLD = {'ß':'ss','æ':'ae','ø':'o','đ':'d','ł':'l','ı':'i','œ':'oe','þ':'th','ð':'d'}
def norm(s):
    # mirrors country.c key(): lower-case, Latin accents folded, apostrophes dropped,
    # other non-alphanumerics become one space
    out=[]
    for ch in s:
        c=ch.lower()
        if c in FOLD: out.append(FOLD[c]); continue
        d=unicodedata.normalize('NFD',c)
        base=d[0]
        if base in "'\u2019`": continue
        if base.isascii() and base.isalnum(): out.append(base)
        else: out.append(' ')
    r=' '.join(''.join(out).split())
    for lead in ('nationality ','citizenship ','the '):
        if r.startswith(lead): r=r[len(lead):]
    return r
keys={}
def add(k,code,src):
    n=norm(k)
    if not n: sys.exit('empty '+k)
    if n in keys and keys[n]!=code: sys.exit('conflict %s %s %s'%(n,keys[n],code))
    keys[n]=code
a3=set()
for line in open('' + __import__('os').path.dirname(__file__) + '/countries.txt',encoding='utf-8'):
    f=line.rstrip('\n').split('|')
    c2,c3=f[0].lower(),f[1].lower()
    add(c2,c2,'a2'); add(c3,c2,'a3')
    for n in f[2:]: add(n,c2,'name')
for line in open('' + __import__('os').path.dirname(__file__) + '/demonyms.txt',encoding='utf-8'):
    f=line.rstrip('\n').split('|')
    for n in f[1:]: add(n,f[0].lower(),'dem')
items=sorted(keys.items(), key=lambda kv: kv[0].encode())
print('/* %d keys, generated sorted (strcmp order) from the ISO 3166-1 list, list variants and demonyms. */' % len(items))
print('static const struct country_key COUNTRY_KEYS[] = {')
for k,v in items:
    print('    {"%s", "%s"},' % (k,v))
print('};')
