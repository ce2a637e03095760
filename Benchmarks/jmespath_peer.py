"""Peer run for the JMESPath benchmark cases: python-jmespath on the same inputs.

Usage: python3 jmespath_peer.py SHARED_CONFORMANCE_DIR
Prints one line per case: expression prefix, kind, ns/op (same format as bulwark-bench).
"""
import json
import sys
import time

import jmespath

suite = json.load(open(sys.argv[1] + "/jmespath/benchmarks.json"))
print("case\tkind\tns/op")
for group in suite:
    given = group["given"]
    for case in group["cases"]:
        expr, kind = case["expression"], case["bench"]
        iterations = 20000
        # "full": search with an expression compiled once; "parse": compile, bypassing
        # jmespath's expression cache so parsing is really measured.
        compiled = jmespath.compile(expr)
        start = time.perf_counter_ns()
        for _ in range(iterations):
            if kind == "parse":
                jmespath.parser.Parser()._do_parse(expr)
            else:
                compiled.search(given)
        per = (time.perf_counter_ns() - start) / iterations
        print(f"{expr[:40]}\t{kind}\t{per:.0f}")
