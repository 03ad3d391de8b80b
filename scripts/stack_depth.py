#!/usr/bin/env python3
"""Worst-case stack depth from GCC's -fcallgraph-info=su output.

Reads one or more .ci files (VCG graphs, one per translation unit, written
by `g++ -fstack-usage -fcallgraph-info=su`), merges them, and finds the
deepest path from the roots (main, plus any static initialiser
_GLOBAL__sub_I_*): the sum of the static frame sizes along it.

  - A function that is only called, never defined in the graphs (newlib's
    memcpy, memset, libgcc's __aeabi_* helpers, libstdc++'s out-of-line
    std::string code, operator new -> malloc -> _sbrk) has no frame
    information: the toolchain ships no .su files for its libraries. It is
    charged --external-bytes (default 64) bytes, or, with --elf, the larger
    of that and an estimate read from the linked ELF's disassembly: each
    function's prologue (push/stmdb/vpush, sub sp, str [sp, #-n]!) plus
    its deepest chain of direct calls (bl/blx <symbol>, tail b.w <symbol>).
    An indirect call or recursion inside such library code is not followed
    (noted as "partly estimated").
  - Recursion (a cycle reachable from a root), an indirect call
    (__indirect_call: function pointers, virtual calls) or a frame GCC
    reports as "dynamic" without "bounded" (alloca, VLAs) makes the depth
    unbounded. The script then still reports the deepest path without
    following the cycle, and names every problem it met (the first few).
  - An indirect call whose possible targets are known can be resolved with
    --indirect CALLER=TARGETS (two regular expressions over the graph's
    mangled function names): each indirect call made by a function matching
    CALLER then counts as a call to every function matching TARGETS, and
    the deepest of them is charged. tcvod's staged_mac reaches the MAC
    through a function pointer that only its constructor sets, to one
    static invoker per MAC type: those invokers are the targets. A rule
    that matches no target leaves the call unbounded.
  - Tail calls are counted as ordinary calls (caller + callee frames), so
    the figure can only be an over-estimate.

Output: one line of tab-separated fields,
    bounded<TAB>BYTES<TAB>PATH
    unbounded<TAB>BYTES-WITHOUT-THE-PROBLEM<TAB>PATH<TAB>REASON
where PATH is "name (frame) > name (frame) > ...". Exit status 0 when
bounded, 1 when unbounded, 2 when the input cannot be used.
"""

import argparse
import re
import shutil
import subprocess
import sys

NODE = re.compile(r'^node:\s*\{\s*title:\s*"((?:[^"\\]|\\.)*)"\s*label:\s*"((?:[^"\\]|\\.)*)"(.*)\}\s*$')
EDGE = re.compile(r'^edge:\s*\{\s*sourcename:\s*"((?:[^"\\]|\\.)*)"\s*targetname:\s*"((?:[^"\\]|\\.)*)"')
FRAME = re.compile(r"(\d+) bytes \(([a-z,]+)\)")
INDIRECT = "__indirect_call"


class Node:
    def __init__(self, title):
        self.title = title
        self.name = title
        self.frame = None  # bytes; None when the graphs hold no frame for it
        self.qualifier = None  # "static", "dynamic", "dynamic,bounded"
        self.callees = []


def unescape(text):
    return text.replace('\\"', '"')


def read_graphs(paths):
    nodes = {}

    def node(title):
        if title not in nodes:
            nodes[title] = Node(title)
        return nodes[title]

    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                m = NODE.match(line)
                if m:
                    n = node(unescape(m.group(1)))
                    label = unescape(m.group(2))
                    first = label.split("\\n")[0]
                    frame = FRAME.search(label)
                    if frame:  # a definition: keep it over any external declaration
                        n.frame, n.qualifier = int(frame.group(1)), frame.group(2)
                        n.name = first
                    elif n.frame is None:
                        n.name = first
                    continue
                m = EDGE.match(line)
                if m:
                    source, target = unescape(m.group(1)), unescape(m.group(2))
                    callees = node(source).callees
                    if target not in callees:
                        callees.append(target)
                    node(target)
    fix_names(nodes)
    return nodes


def fix_names(nodes):
    """GCC prints some clones' labels badly ("0(void*, std::size_t)" for
    secure_wipe.part.0, "cpp)" for _GLOBAL__sub_I_x): demangle their
    symbol names instead, with c++filt when there is one."""
    bad = [n for n in nodes.values()
           if n.title != INDIRECT and (not re.match(r"[A-Za-z_~]", n.name) or "(" not in n.name)]
    if not bad:
        return
    symbols = [n.title.split(":")[-1] for n in bad]
    demangled = symbols
    tool = shutil.which("arm-none-eabi-c++filt") or shutil.which("c++filt")
    if tool:
        try:
            out = subprocess.run([tool], input="\n".join(symbols) + "\n", capture_output=True, text=True,
                                 check=True).stdout.splitlines()
            if len(out) == len(symbols):
                demangled = out
        except (OSError, subprocess.SubprocessError):
            pass
    for n, name in zip(bad, demangled):
        n.name = name if "(" in name else name + "()"


INSN = re.compile(r"^\s*[0-9a-f]+:\s+(?:[0-9a-f]{4}\s?){1,2}\s+(\S+)\s*(.*)$")
FUNC = re.compile(r"^([0-9a-f]{8}) <([^>]+)>:$")
PROLOGUE_INSNS = 16  # how far into a function frame set-up is looked for


def register_count(reglist):
    """'{r4, r5, lr}' or '{d8-d10}' -> (count, bytes per register)."""
    n = 0
    width = 4
    for item in reglist.strip("{} ").split(","):
        item = item.strip()
        if not item:
            continue
        if item[0] == "d":
            width = 8
        if "-" in item:
            a, b = item.split("-")
            n += int(b[1:]) - int(a[1:]) + 1
        else:
            n += 1
    return n, width


class ElfStacks:
    """Stack depth of library functions, from the linked ELF's disassembly."""

    def __init__(self, elf):
        self.functions = {}  # name -> [frame bytes, [direct callees], inexact?, instructions seen]
        self.alias = {}  # any symbol name -> the name objdump labels its address with
        self.memo = {}
        tool = shutil.which("arm-none-eabi-objdump")
        nm = shutil.which("arm-none-eabi-nm")
        if not tool or not nm:
            return
        by_address = {}
        text = subprocess.run([tool, "-d", elf], capture_output=True, text=True, check=True).stdout
        name = None
        for line in text.splitlines():
            m = FUNC.match(line)
            if m:
                name = m.group(2)
                by_address[int(m.group(1), 16)] = name
                self.functions[name] = [0, [], False, 0]  # frame, callees, indirect, instructions seen
                continue
            m = INSN.match(line)
            if not m or name is None:
                continue
            op, args = m.group(1), re.sub(r"\s*[@;].*$", "", m.group(2))
            f = self.functions[name]
            f[3] += 1
            if f[3] <= PROLOGUE_INSNS:
                if op in ("push", "push.w", "vpush", "stmdb", "stmdb.w", "vstmdb") and (
                        op.startswith(("push", "vpush")) or args.startswith("sp!")):
                    count, width = register_count(args[args.index("{"):])
                    f[0] += count * width
                elif op in ("sub", "sub.w", "subw", "subs") and re.match(r"sp, (sp, )?#\d+", args):
                    f[0] += int(args.rsplit("#", 1)[1])
                elif op.startswith("str") and re.search(r"\[sp, #-(\d+)\]!", args):
                    f[0] += int(re.search(r"\[sp, #-(\d+)\]!", args).group(1))
                elif op.startswith(("add", "sub", "mov")) and re.match(r"sp, (sp, )?(r\d+|ip|fp|sl)$", args):
                    f[2] = True  # a frame sized in a register (Thumb-1 large frames, alloca): not exact
            call = re.match(r"[0-9a-f]+ <([^>+]+)>$", args)
            if op in ("bl", "blx") and call:
                f[1].append(call.group(1))
            elif op in ("b", "b.w") and call and call.group(1) != name:
                f[1].append(call.group(1))  # a tail call into another function
            elif op == "blx":
                f[2] = True  # an indirect call: not followed
        symbols = subprocess.run([nm, elf], capture_output=True, text=True, check=True).stdout
        for line in symbols.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                label = by_address.get(int(parts[0], 16) & ~1)
                if label:
                    self.alias[parts[2]] = label

    def depth(self, symbol, stack=()):
        """(bytes, exact) for `symbol` and its direct callees, or None when unknown."""
        name = self.alias.get(symbol, symbol)
        if name not in self.functions:
            return None
        if name in self.memo:
            return self.memo[name]
        if name in stack:
            return (0, False)
        frame, callees, indirect, _ = self.functions[name]
        best, exact = 0, not indirect
        for callee in set(callees):
            sub = self.depth(callee, stack + (name,))
            if sub is None:
                exact = False
                continue
            best = max(best, sub[0])
            exact = exact and sub[1]
        result = (frame + best, exact)
        if not stack or exact:
            self.memo[name] = result
        return result


OPERATOR = re.compile(r"operator\s*(<<=|>>=|<=>|<<|>>|<=|>=|->\*|->|<|>|\(\))")


def short_name(label):
    """'void ns::f<T>::g(int) const [with T = ...]' -> 'ns::f<T>::g(…)'."""
    text = label.replace("tcvod::v1::", "tcvod::").replace("__builtin_", "")
    ops = []

    def hide(m):
        ops.append(m.group(0))
        return "\x00%d\x00" % (len(ops) - 1)

    text = OPERATOR.sub(hide, text)
    # Cut " [with ...]" and find the first top-level '(' (the parameters).
    depth, paren, space, cut = 0, None, -1, len(text)
    for i, c in enumerate(text):
        if c in "<(":
            if c == "(" and depth == 0 and paren is None:
                paren = i
            depth += 1
        elif c in ">)":
            depth -= 1
        elif c == " " and depth == 0:
            if text.startswith(" [with ", i):
                cut = i
                break
            if paren is None:
                space = i
    text = text[:cut]
    if paren is not None and paren < cut:
        depth, close = 0, None
        for i in range(paren, len(text)):
            if text[i] in "<(":
                depth += 1
            elif text[i] in ">)":
                depth -= 1
                if depth == 0:
                    close = i
                    break
        if close is not None:
            params = "()" if close == paren + 1 else "(…)"
            text = text[:paren] + params + text[close + 1 :]
    text = text[space + 1 :]
    text = re.sub(r"\s+(const|noexcept|volatile|&&|&)+\s*$", "", text)
    return re.sub("\x00(\\d+)\x00", lambda m: ops[int(m.group(1))], text)


class Search:
    def __init__(self, nodes, external_bytes, elf=None, indirect_rules=()):
        self.nodes = nodes
        self.indirect_rules = indirect_rules  # [(caller regex, [target titles])]
        self.external_bytes = external_bytes
        self.elf = elf
        self.memo = {}  # title -> (bytes, [titles]) for subtrees without problems
        self.problems = []  # (reason, [titles]), one per distinct reason
        self.tainted = set()  # titles whose subtree contains a problem (not memoised)

    def frame(self, title):
        return external_frame(self.nodes[title], self.external_bytes, self.elf)[0]

    def note(self, reason, path):
        if all(reason != r for r, _ in self.problems):
            self.problems.append((reason, list(path)))

    def deepest(self, title, stack):
        """(bytes, path) of the deepest acyclic path from `title`."""
        if title in self.memo:
            return self.memo[title]
        n = self.nodes[title]
        stack.append(title)
        problem = False
        if title == INDIRECT:
            self.note("indirect call (function pointer or virtual call)", stack)
            problem = True
        if n.qualifier == "dynamic":
            self.note("dynamic stack allocation (alloca or a variable-length array)", stack)
            problem = True
        best, best_path = 0, []
        on_stack = set(stack)
        callees = list(n.callees)
        if INDIRECT in callees:
            for caller, targets in self.indirect_rules:
                if targets and caller.search(title.split(":")[-1]):
                    callees = [c for c in callees if c != INDIRECT] + targets
                    break
        for callee in callees:
            if callee in on_stack:
                cycle = stack[stack.index(callee):] + [callee]
                self.note("recursion: " + " > ".join(short_name(self.nodes[t].name) for t in cycle), stack + [callee])
                problem = True
                continue
            depth, path = self.deepest(callee, stack)
            if callee in self.tainted:
                problem = True
            if depth > best:
                best, best_path = depth, path
        stack.pop()
        result = (self.frame(title) + best, [title] + best_path)
        if problem:
            self.tainted.add(title)
        else:
            self.memo[title] = result
        return result


def external_frame(node, external_bytes, elf):
    """(bytes, note) charged to a node: its frame, or for a function the
    graphs do not define, the constant or the ELF estimate, whichever is
    larger."""
    if node.frame is not None:
        return node.frame, ""
    if node.title == INDIRECT:
        return 0, ""
    estimate = elf.depth(node.title.split(":")[-1]) if elf else None
    if estimate is None or estimate[0] <= external_bytes:
        return external_bytes, "no stack info: %d B charged" % external_bytes
    return estimate[0], "library code, from its disassembly" + ("" if estimate[1] else ", partly estimated")


def describe(nodes, path, external_bytes, elf=None):
    parts = []
    for title in path:
        n = nodes[title]
        bytes_, note = external_frame(n, external_bytes, elf)
        if title == INDIRECT:
            parts.append("(indirect call)")
        elif note:
            parts.append("%s (%d, %s)" % (short_name(n.name), bytes_, note))
        else:
            parts.append("%s (%d)" % (short_name(n.name), bytes_))
    return " > ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graphs", nargs="+", help=".ci files from -fcallgraph-info=su")
    ap.add_argument("--root", action="append", help="root function (default: main and _GLOBAL__sub_I_*)")
    ap.add_argument("--external-bytes", type=int, default=64,
                    help="stack charged to a called function without frame information (default 64)")
    ap.add_argument("--elf", help="the linked program: estimate library functions' stack from its disassembly")
    ap.add_argument("--callers-of", metavar="REGEX",
                    help="instead: print the functions that call a symbol matching REGEX, one per line")
    ap.add_argument("--indirect", action="append", default=[], metavar="CALLER=TARGETS",
                    help="indirect calls made by functions matching the regex CALLER go to the functions "
                         "matching the regex TARGETS (repeatable)")
    args = ap.parse_args()

    try:
        nodes = read_graphs(args.graphs)
    except OSError as e:
        print("error\t0\t\t%s" % e)
        return 2
    if args.callers_of:
        wanted = re.compile(args.callers_of)
        callers = sorted({short_name(n.name) for n in nodes.values()
                          if any(wanted.search(c.split(":")[-1]) for c in n.callees)})
        print("\n".join(callers))
        return 0
    roots = args.root or ["main"] + sorted(
        t for t in nodes if t.split(":")[-1].startswith("_GLOBAL__sub_I_") and nodes[t].frame is not None)
    missing = [r for r in roots if r not in nodes or nodes[r].frame is None]
    if missing:
        print("error\t0\t\tno frame information for %s" % ", ".join(missing))
        return 2

    elf = None
    if args.elf:
        try:
            elf = ElfStacks(args.elf)
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            print("error\t0\t\tcannot disassemble %s: %s" % (args.elf, e))
            return 2
    indirect_rules = []
    for rule in args.indirect:
        caller, _, targets = rule.partition("=")
        wanted = re.compile(targets)
        indirect_rules.append((re.compile(caller), sorted(
            t for t in nodes if nodes[t].frame is not None and wanted.search(t.split(":")[-1]))))
    search = Search(nodes, args.external_bytes, elf, indirect_rules)
    best, best_path = -1, []
    for root in roots:
        depth, path = search.deepest(root, [])
        if depth > best:
            best, best_path = depth, path
    path_text = describe(nodes, best_path, args.external_bytes, elf)
    if search.problems:
        reasons = []
        for reason, where in search.problems:
            if not reason.startswith("recursion"):
                reason += " at " + describe(nodes, where, args.external_bytes, elf)
            reasons.append(reason)
        if len(reasons) > 4:
            reasons = reasons[:4] + ["and %d more" % (len(reasons) - 4)]
        print("unbounded\t%d\t%s\t%s" % (best, path_text, "; ".join(reasons)))
        return 1
    print("bounded\t%d\t%s" % (best, path_text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
