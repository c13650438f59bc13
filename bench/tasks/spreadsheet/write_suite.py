#!/usr/bin/env python3
"""Writes the spreadsheet evaluation suite: one JSON task per entry below, outputs computed by the
Python reference next to it. The suite is frozen (issue 28): written before any training generator
and never tuned afterwards. Rerunning this script must reproduce the committed files byte for byte.

Categories and their quota (13 each, 104 tasks): names, dates, urls (URLs, e-mail and file paths),
codes, units (numbers with units and money), conditionals, padding (and whitespace), case. The 30
tasks written before the suite keep their files and count in their category (OLD below)."""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Tasks written before the suite, by category.
OLD = {
    "names": ["first-name", "full-name-upper", "greeting", "initials", "last-comma-first",
              "last-first-initial", "last-name-lower", "username"],
    "dates": ["month", "us-date", "year", "first-three", "month-abbrev-upper"],
    "urls": ["email-domain", "email-user", "file-extension", "file-stem", "top-folder", "url-host"],
    "codes": ["area-code", "country-code", "id-prefix", "last-four", "mask-card", "phone-dashes",
              "remove-dashes", "dash-join", "hashtag"],
    "padding": ["trim"],
    "case": ["proper-case"],
}
QUOTA = 13


def text(x):
    """A Number as a spreadsheet's general format writes it (what TO_TEXT gives)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return ("%.15g" % x)


def fmt_fixed(x, places):
    """TEXT(x, "0.00...") with half-away-from-zero rounding at 15 significant digits."""
    d = float("%.15g" % x)
    scaled = abs(d) * 10 ** places
    r = math.floor(scaled + 0.5 + 1e-9)
    s = str(r).rjust(places + 1, "0")
    out = s[:-places] + "." + s[-places:] if places else s
    return ("-" if d < 0 and r else "") + out


def find(needle, hay, start=1):
    i = hay.find(needle, start - 1)
    if i < 0:
        raise ValueError("#VALUE!")
    return i + 1


def value(s):
    t = s.strip().replace("$", "").replace(",", "")
    return float(t)


S, I, N, B = "String", "Int", "Number", "Bool"
TASKS = []


def task(category, name, inputs, fn, train, test, output=S, constants=None):
    TASKS.append(dict(category=category, name=name, inputs=inputs, fn=fn, train=train, test=test,
                      output=output, constants=constants))


# names
task("names", "last-name", ["name"], lambda n: n[n.find(" ") + 1:],
     [["Ada Lovelace"], ["Alan Turing"], ["Grace Hopper"]], [["Edsger Dijkstra"], ["Barbara Liskov"]])
task("names", "drop-title", ["name"], lambda n: n[n.find(" ") + 1:],
     [["Dr. Ada Lovelace"], ["Mr. Alan Turing"], ["Prof. Grace Hopper"]], [["Ms. Barbara Liskov"], ["Sir Tim Berners-Lee"]])
task("names", "middle-initial", ["name"], lambda n: n.split(" ")[1][0],
     [["John Ronald Tolkien"], ["Mary Ann Evans"], ["George Herbert Walker"]], [["Ada King Lovelace"], ["Edgar Allan Poe"]])
task("names", "email-from-name", ["name"], lambda n: n.lower().replace(" ", ".") + "@example.com",
     [["Ada Lovelace"], ["Alan Turing"], ["Grace Hopper"]], [["Barbara Liskov"], ["Donald Knuth"]])
task("names", "full-name-proper", ["first", "last"], lambda f, l: (f + " " + l).title(),
     [["ada", "lovelace"], ["ALAN", "TURING"], ["grace", "HOPPER"]], [["barbara", "liskov"], ["Donald", "knuth"]])

# dates
task("dates", "day", ["date"], lambda d: d[-2:],
     [["2024-03-15"], ["1999-12-31"], ["2001-07-04"]], [["2020-02-29"], ["1969-07-20"]])
task("dates", "iso-to-dmy", ["date"], lambda d: d[8:10] + "/" + d[5:7] + "/" + d[0:4],
     [["2024-03-15"], ["1999-12-31"], ["2001-07-04"]], [["2020-02-29"], ["1969-07-20"]])
task("dates", "year-from-us", ["date"], lambda d: d[-4:],
     [["3/15/2024"], ["12/31/1999"], ["7/4/2001"]], [["2/29/2020"], ["10/20/1969"]])
task("dates", "hour", ["time"], lambda t: t[:t.find(":")],
     [["14:35:09"], ["9:05:00"], ["23:59:59"]], [["7:30:15"], ["12:00:00"]])
task("dates", "minutes", ["time"], lambda t: t[t.find(":") + 1:t.find(":") + 3],
     [["9:05 AM"], ["11:45 PM"], ["3:30 PM"]], [["12:15 AM"], ["6:50 AM"]])
task("dates", "day-from-long-date", ["date"], lambda d: d[d.find(" ") + 1:d.find(",")],
     [["March 15, 2024"], ["May 3, 1999"], ["July 4, 2001"]], [["February 29, 2020"], ["June 1, 1969"]])
task("dates", "compact-date", ["date"], lambda d: d.replace("-", ""),
     [["2024-03-15"], ["1999-12-31"], ["2001-07-04"]], [["2020-02-29"], ["1969-07-20"]])
task("dates", "date-part", ["stamp"], lambda d: d[:d.find(" ")],
     [["2024-03-15 14:35"], ["1999-12-31 23:59"], ["2001-7-4 9:00"]], [["2020-2-29 12:00"], ["1969-07-20 20:17"]])

# urls
task("urls", "strip-scheme", ["url"], lambda u: u[u.find("//") + 2:],
     [["https://example.com/a"], ["http://test.org"], ["https://docs.python.org/3/"]], [["http://a.b/c/d"], ["https://x.io"]])
task("urls", "query-value", ["url"], lambda u: u[u.find("=") + 1:],
     [["page?id=42"], ["/items?sku=AB12"], ["search?q=cats"]], [["view?user=ann"], ["/p?n=7"]])
task("urls", "is-secure", ["url"], lambda u: "yes" if u.startswith("https") else "no",
     [["https://example.com"], ["http://test.org"], ["https://a.io"], ["http://b.net"]], [["https://c.dev"], ["http://d.com"]])
task("urls", "windows-to-slash", ["path"], lambda p: p.replace("\\", "/"),
     [["C:\\Users\\ann\\notes.txt"], ["D:\\data\\x.csv"], ["C:\\tmp"]], [["E:\\a\\b\\c"], ["C:\\Program Files\\app"]])
task("urls", "email-domain-upper", ["email"], lambda e: e[e.find("@") + 1:].upper(),
     [["ann@Example.com"], ["bob@test.org"], ["carol@Mail.Co.Uk"]], [["dan@aol.com"], ["eve@Uni.edu"]])
task("urls", "add-www", ["host"], lambda h: "www." + h,
     [["example.com"], ["test.org"], ["python.org"]], [["wikipedia.org"], ["gnu.org"]])
task("urls", "first-folder", ["path"], lambda p: p[1:p.find("/", 1)],
     [["/home/ann/file.txt"], ["/usr/bin/env"], ["/var/log/syslog"]], [["/etc/hosts.d/a"], ["/opt/app/run.sh"]])

# codes
task("codes", "sku-prefix", ["sku"], lambda s: s[:s.find("-")],
     [["AB-1234-X"], ["QZ-9981-Y"], ["MNO-0012-Z"]], [["K-5555-A"], ["XY-0001-B"]])
task("codes", "sku-number", ["sku"], lambda s: s[s.find("-") + 1:s.find("-") + 5],
     [["AB-1234-X"], ["QZ-9981-Y"], ["MNO-0012-Z"]], [["K-5555-A"], ["XY-0001-B"]])
task("codes", "zip5", ["zip"], lambda z: z[:5],
     [["94103-1234"], ["10001-0002"], ["60601-7777"]], [["02139-4307"], ["73301-0001"]])
task("codes", "category-code", ["category", {"name": "n", "type": I}], lambda c, n: c.upper() + "-" + str(n),
     [["ab", 7], ["tools", 12], ["x", 300]], [["garden", 5], ["kb", 41]])

# units
task("units", "kg-number", ["weight"], lambda w: float(w[:w.find(" ")]),
     [["12 kg"], ["3.5 kg"], ["100 kg"]], [["0.25 kg"], ["72 kg"]], output=N)
task("units", "price-number", ["price"], lambda p: value(p),
     [["$12.50"], ["$3"], ["$1,234.99"]], [["$0.99"], ["$10,000"]], output=N)
task("units", "add-tax", ["price"], lambda p: fmt_fixed(value(p) * 1.1, 2),
     [["$12.50"], ["$3.00"], ["$100"]], [["$7.25"], ["$19.99"]], constants=[1.1])
task("units", "percent-text", [{"name": "rate", "type": N}], lambda r: fmt_fixed(r * 100, 1) + "%",
     [[0.256], [0.5], [0.0125]], [[1.0], [0.333]])
task("units", "km-to-m", ["distance"], lambda d: text(float(d[:d.find(" ")]) * 1000) + " m",
     [["3 km"], ["0.5 km"], ["12 km"]], [["1.25 km"], ["40 km"]], constants=[1000])
task("units", "thousands", [{"name": "amount", "type": N}], lambda a: "{:,}".format(int(a)),
     [[1234567], [1000], [999]], [[12345], [10000000]])
task("units", "line-total", [{"name": "qty", "type": I}, {"name": "price", "type": N}], lambda q, p: q * p,
     [[3, 2.5], [10, 0.99], [1, 100.0]], [[4, 1.25], [7, 3.0]], output=N)
task("units", "round-cents", [{"name": "amount", "type": N}], lambda a: float(fmt_fixed(a, 2)),
     [[12.345], [0.994], [7.0]], [[3.14159], [2.675]], output=N)
task("units", "cents", ["price"], lambda p: int(round(value(p) * 100)),
     [["$3.25"], ["$10.00"], ["$0.99"]], [["$1.50"], ["$20.05"]], output=I, constants=[100])
task("units", "grams-label", [{"name": "grams", "type": I}], lambda g: str(g) + " g",
     [[250], [1000], [5]], [[75], [12]])
task("units", "half", [{"name": "x", "type": N}], lambda x: x / 2,
     [[7.0], [10.0], [0.5]], [[3.0], [101.0]], output=N)
task("units", "fahrenheit-number", ["temp"], lambda t: float(t[:-2]),
     [["72°F"], ["-5°F"], ["98.6°F"]], [["32°F"], ["451°F"]], output=N)
task("units", "sum-kg", ["a", "b"], lambda a, b: text(float(a[:a.find(" ")]) + float(b[:b.find(" ")])) + " kg",
     [["3 kg", "4 kg"], ["10 kg", "2.5 kg"], ["1 kg", "1 kg"]], [["7 kg", "8 kg"], ["0.5 kg", "0.25 kg"]])

# conditionals
task("conditionals", "pass-fail", [{"name": "score", "type": I}], lambda s: "pass" if s >= 50 else "fail",
     [[72], [49], [50], [10]], [[99], [0]], constants=[50])
task("conditionals", "has-at", ["email"], lambda e: "valid" if "@" in e else "invalid",
     [["ann@x.com"], ["bob.x.com"], ["c@d"], ["nobody"]], [["e@f.org"], ["ghi"]])
task("conditionals", "first-name-or-all", ["name"], lambda n: n[:n.find(" ")] if " " in n else n,
     [["Ada Lovelace"], ["Plato"], ["Alan Turing"], ["Madonna"]], [["Grace Hopper"], ["Cher"]])
task("conditionals", "blank-to-na", ["value"], lambda v: "N/A" if v == "" else v,
     [[""], ["red"], ["blue"], [""]], [["green"], [""]])
task("conditionals", "is-gmail", ["email"], lambda e: "gmail" in e.lower(),
     [["ann@gmail.com"], ["bob@yahoo.com"], ["CAT@GMAIL.COM"], ["dan@aol.com"]], [["x@Gmail.com"], ["y@hotmail.com"]], output=B,
     constants=["gmail"])
task("conditionals", "safe-ratio", [{"name": "a", "type": N}, {"name": "b", "type": N}],
     lambda a, b: a / b if b != 0 else 0.0,
     [[6.0, 3.0], [1.0, 0.0], [5.0, 2.0], [0.0, 0.0]], [[9.0, 4.0], [2.0, 0.0]], output=N)
task("conditionals", "is-numeric", ["cell"], lambda c: c.strip().replace(".", "", 1).isdigit(),
     [["12"], ["abc"], ["3.5"], ["n/a"]], [["100"], ["x1"]], output=B)
task("conditionals", "larger", [{"name": "a", "type": I}, {"name": "b", "type": I}], lambda a, b: max(a, b),
     [[3, 7], [10, 2], [5, 5], [-1, -4]], [[8, 9], [0, -3]], output=I)
task("conditionals", "yes-no", [{"name": "flag", "type": B}], lambda f: "Yes" if f else "No",
     [[True], [False], [True]], [[False], [True]])
task("conditionals", "same-ignoring-case", ["a", "b"], lambda a, b: a.lower() == b.lower(),
     [["Ann", "ann"], ["Bob", "Rob"], ["CAT", "cat"], ["dog", "dot"]], [["Eve", "EVE"], ["x", "y"]], output=B)
task("conditionals", "overdue", [{"name": "days_late", "type": I}], lambda d: "overdue" if d > 0 else "on time",
     [[3], [0], [-2], [10]], [[1], [-7]])
task("conditionals", "number-or-zero", ["cell"], lambda c: float(c) if c.replace(".", "", 1).isdigit() else 0.0,
     [["12"], ["n/a"], ["3.5"], ["-"]], [["7"], ["none"]], output=N)
task("conditionals", "short-or-long", ["word"], lambda w: "short" if len(w) <= 5 else "long",
     [["cat"], ["elephant"], ["horse"], ["giraffe"]], [["ox"], ["hippopotamus"]], constants=[5])

# padding and whitespace
task("padding", "zero-pad-3", [{"name": "n", "type": I}], lambda n: "%03d" % n,
     [[7], [42], [123]], [[5], [99]], constants=["000"])
task("padding", "zero-pad-text-5", ["digits"], lambda d: d.rjust(5, "0"),
     [["42"], ["7"], ["12345"], ["999"]], [["1"], ["2024"]], constants=["00000"])
task("padding", "brackets", ["text"], lambda t: "[" + t + "]",
     [["x"], ["hello"], ["a b"]], [["42"], [""]])
task("padding", "quoted", ["text"], lambda t: '"' + t + '"',
     [["hello"], ["a b"], ["x"]], [["quote me"], ["1"]])
task("padding", "invoice-number", [{"name": "n", "type": I}], lambda n: "INV-%05d" % n,
     [[42], [7], [12345]], [[999], [1]], constants=["00000"])
task("padding", "left-pad-spaces", ["text"], lambda t: t.rjust(4),
     [["7"], ["42"], ["abc"], ["abcd"]], [["x"], ["12"]])
task("padding", "stars", ["text"], lambda t: "*" + t + "*",
     [["hi"], ["note"], ["a"]], [["warning"], ["ok"]])
task("padding", "two-digit-month", ["date"], lambda d: "%02d" % int(d[:d.find("/")]),
     [["3/7/2024"], ["12/1/1999"], ["7/4/2001"]], [["1/31/2020"], ["10/20/1969"]], constants=["00"])
task("padding", "id-with-zeros", ["id"], lambda i: "ID-" + i.rjust(3, "0"),
     [["7"], ["42"], ["123"]], [["5"], ["99"]], constants=["000"])
task("padding", "pairs-with-dashes", ["code"], lambda c: c[0:2] + "-" + c[2:4] + "-" + c[4:6],
     [["abcdef"], ["123456"], ["x1y2z3"]], [["aabbcc"], ["909090"]])
task("padding", "ensure-period", ["sentence"], lambda s: s if s.endswith(".") else s + ".",
     [["Hello"], ["Hi."], ["See you"], ["Done."]], [["Thanks"], ["Ok."]])
task("padding", "underline", ["title"], lambda t: "-" * len(t),
     [["title"], ["ab"], ["Introduction"]], [["x"], ["Summary"]])

# case
task("case", "upper", ["text"], lambda t: t.upper(),
     [["hello"], ["MiXeD"], ["a b c"]], [["ok"], ["Good Day"]])
task("case", "lower-email", ["email"], lambda e: e.lower(),
     [["Ann@Example.COM"], ["BOB@TEST.ORG"], ["carol@x.io"]], [["Dan@AOL.com"], ["EVE@Uni.Edu"]])
task("case", "capitalize-first", ["text"], lambda t: t[0].upper() + t[1:],
     [["hello world"], ["good Day"], ["x"]], [["see you soon"], ["ok"]])
task("case", "snake-to-title", ["field"], lambda f: f.replace("_", " ").title(),
     [["first_name"], ["zip_code"], ["id"]], [["date_of_birth"], ["email"]])
task("case", "constant-name", ["words"], lambda w: w.upper().replace(" ", "_"),
     [["hello world"], ["max size"], ["a b c"]], [["page count"], ["x"]])
task("case", "kebab", ["title"], lambda t: t.lower().replace(" ", "-"),
     [["Hello World"], ["Read Me First"], ["One"]], [["Getting Started"], ["A B"]])
task("case", "last-comma-first-proper", ["first", "last"], lambda f, l: (l + ", " + f).title(),
     [["ada", "lovelace"], ["ALAN", "TURING"], ["grace", "hopper"]], [["barbara", "LISKOV"], ["tim", "peters"]])
task("case", "shout", ["text"], lambda t: t.upper() + "!",
     [["hi there"], ["stop"], ["Watch Out"]], [["help"], ["go now"]])
task("case", "code-upper-trim", ["code"], lambda c: c.strip().upper(),
     [["  ab12 "], ["x9"], [" qq7"]], [["zz1  "], ["  m "]])
task("case", "normalize-lower", ["text"], lambda t: " ".join(t.split()).lower(),
     [["Hello   World"], [" A  B "], ["ok"]], [["Big   Cat"], ["  X Y  Z"]])
task("case", "first-word-upper", ["text"], lambda t: t[:t.find(" ")].upper(),
     [["hello big world"], ["go home"], ["Quick fox"]], [["see you"], ["abc def ghi"]])
task("case", "same-or-different", ["a", "b"], lambda a, b: "same" if a.lower() == b.lower() else "different",
     [["Ann", "ANN"], ["Bob", "Rob"], ["x", "X"], ["cat", "dog"]], [["Eve", "eve"], ["a", "b"]])


def encode(v):
    return v


def write(t):
    inputs = t["inputs"]
    names = [i if isinstance(i, str) else i["name"] for i in inputs]
    def example(args):
        return {"inputs": [encode(a) for a in args], "output": encode(t["fn"](*args))}
    doc = {"name": t["name"], "category": None, "domain": "spreadsheet", "inputs": inputs}
    del doc["category"]
    if t["output"] != S:
        doc["output_type"] = t["output"]
    doc["train"] = [example(a) for a in t["train"]]
    doc["test"] = [example(a) for a in t["test"]]
    if t["constants"]:
        doc["constants"] = t["constants"]
    lines = ["{"]
    keys = list(doc)
    for k in keys:
        v = doc[k]
        end = "," if k != keys[-1] else ""
        if k in ("train", "test"):
            lines.append('  "%s": [' % k)
            for j, e in enumerate(v):
                lines.append("    " + json.dumps(e, ensure_ascii=False) + ("," if j + 1 < len(v) else ""))
            lines.append("  ]" + end)
        else:
            lines.append('  "%s": %s%s' % (k, json.dumps(v, ensure_ascii=False), end))
    lines.append("}")
    path = os.path.join(HERE, t["name"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    assert len(names) == len(t["train"][0])


def main():
    counts = {c: len(v) for c, v in OLD.items()}
    for t in TASKS:
        counts[t["category"]] = counts.get(t["category"], 0) + 1
    bad = {c: n for c, n in counts.items() if n != QUOTA}
    if bad:
        sys.exit("quota of %d per category missed: %s" % (QUOTA, bad))
    seen = set(sum(OLD.values(), []))
    for t in TASKS:
        if t["name"] in seen:
            sys.exit("task named twice: " + t["name"])
        seen.add(t["name"])
        write(t)
    with open(os.path.join(HERE, "categories.tsv"), "w") as f:
        f.write("task\tcategory\n")
        rows = [(n, c) for c, ns in OLD.items() for n in ns] + [(t["name"], t["category"]) for t in TASKS]
        for n, c in sorted(rows):
            f.write("%s\t%s\n" % (n, c))
    print("%d tasks in %d categories" % (len(seen), len(counts)))


if __name__ == "__main__":
    main()
