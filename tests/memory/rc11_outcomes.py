#!/usr/bin/env python3
"""rc11_outcomes.py — an independent oracle for the expected sets of litmus_test.cpp.

Enumerates every candidate execution of each litmus test (a reads-from
choice for each load, a modification order for each location) and keeps those
consistent under RC11 (Lahav, Vafeiadis, Kang, Hur, Dreyer, "Repairing
Sequential Consistency in C/C++11", PLDI 2017, fig. 1 without RMWs):
coherence irreflexive(hb; eco?), acyclic(psc_base ∪ psc_F), and, for RC11
proper, no-thin-air acyclic(sb ∪ rf). C++20 is RC11 without no-thin-air
(P0668R5), so a shape's C++20 set is the second one computed. Exits 1 and
names the shape when a computed set differs from the one litmus_test.cpp
asserts (written again in EXPECTED below: keep the two in step).
"""
import itertools
import sys

REL = ('rel', 'acqrel', 'sc')
ACQ = ('acq', 'acqrel', 'sc')


def compose(a, b):
    return {(x, z) for (x, y) in a for (y2, z) in b if y == y2}


def closure(r):
    r = set(r)
    while True:
        new = compose(r, r) - r
        if not new:
            return r
        r |= new


def acyclic(r):
    return all(a != b for (a, b) in closure(r))


def outcomes(threads, observe, locs=('x', 'y')):
    """threads: lists of ('W', loc, value, mode) | ('R', loc, register, mode) | ('F', mode).
    observe(registers, final) -> outcome. Returns (RC11 set, C++20 set)."""
    ev = [(-1, 0, 'W', l, 0, 'rlx') for l in locs]  # initial writes, sequenced before everything
    for t, ops in enumerate(threads):
        for i, op in enumerate(ops):
            ev.append((t, i, 'F', None, None, op[1]) if op[0] == 'F' else (t, i) + tuple(op))
    n = len(ev)
    loc = [e[3] for e in ev]
    mode = [e[5] for e in ev]
    sb = {(a, b) for a in range(n) for b in range(n)
          if (ev[a][0] == -1 and ev[b][0] != -1) or (ev[a][0] == ev[b][0] != -1 and ev[a][1] < ev[b][1])}
    writes = [i for i in range(n) if ev[i][2] == 'W']
    reads = [i for i in range(n) if ev[i][2] == 'R']
    fences = {i for i in range(n) if ev[i][2] == 'F'}
    same_loc = lambda a, b: loc[a] is not None and loc[a] == loc[b]
    sb_loc = {(a, b) for (a, b) in sb if same_loc(a, b)}
    sb_other_loc = sb - sb_loc
    ident = {(a, a) for a in range(n)}
    # release sequence without RMWs: [W]; sb|loc?; [W]
    rs = {(w, w) for w in writes} | {(a, b) for (a, b) in sb_loc if a in writes and b in writes}
    before_fence = ident | {(f, b) for (f, b) in sb if f in fences}   # ([F]; sb)?
    after_fence = ident | {(a, f) for (a, f) in sb if f in fences}    # (sb; [F])?
    sc_accesses = {i for i in range(n) if mode[i] == 'sc' and i not in fences}
    sc_fences = {i for i in fences if mode[i] == 'sc'}
    rc11, cpp20 = set(), set()
    mo_choices = []
    for l in locs:
        init = [w for w in writes if loc[w] == l and ev[w][0] == -1]
        mo_choices.append([init + list(p) for p in itertools.permutations(
            [w for w in writes if loc[w] == l and ev[w][0] != -1])])
    for sources in itertools.product(*[[w for w in writes if loc[w] == loc[r]] for r in reads]):
        rf = set(zip(sources, reads))
        for orders in itertools.product(*mo_choices):
            mo = {(o[i], o[j]) for o in orders for i in range(len(o)) for j in range(i + 1, len(o))}
            rb = {(r, w2) for (w, r) in rf for (w1, w2) in mo if w1 == w}
            sw = {(a, b) for (a, b) in compose(compose(compose(before_fence, rs), rf), after_fence)
                  if mode[a] in REL and mode[b] in ACQ}
            hb = closure(sb | sw)
            eco = closure(rf | mo | rb)
            if any(a == b for (a, b) in hb | compose(hb, eco)):
                continue  # coherence
            hb_opt = hb | ident
            scb = sb | compose(compose(sb_other_loc, hb), sb_other_loc) | \
                {(a, b) for (a, b) in hb if same_loc(a, b)} | mo | rb
            left = {(a, a) for a in sc_accesses} | {(f, b) for (f, b) in hb_opt if f in sc_fences}
            right = {(a, a) for a in sc_accesses} | {(a, f) for (a, f) in hb_opt if f in sc_fences}
            psc = compose(compose(left, scb), right) | \
                {(a, b) for (a, b) in hb | compose(compose(hb, eco), hb) if a in sc_fences and b in sc_fences}
            if not acyclic(psc):
                continue
            registers = {ev[r][4]: ev[w][4] for (w, r) in rf}
            final = {loc[o[-1]]: ev[o[-1]][4] for o in orders}
            out = observe(registers, final)
            cpp20.add(out)
            if acyclic(sb | rf):
                rc11.add(out)
    return rc11, cpp20


ORDERS = {'relaxed': ('rlx', 'rlx'), 'acquire_release': ('acq', 'rel'), 'seq_cst': ('sc', 'sc')}


def fence(f):
    return [('F', f)] if f else []


def regs(*names):
    return lambda r, f: tuple(r[n] for n in names)


def sb(o, f0=None, f1=None):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)] + fence(f0) + [('R', 'y', 'r0', ld)],
                     [('W', 'y', 1, st)] + fence(f1) + [('R', 'x', 'r1', ld)]], regs('r0', 'r1'))


def mp(o, writer=None, reader=None):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)] + fence(writer) + [('W', 'y', 1, st)],
                     [('R', 'y', 'r0', ld)] + fence(reader) + [('R', 'x', 'r1', ld)]], regs('r0', 'r1'))


def lb(o):
    ld, st = ORDERS[o]
    return outcomes([[('R', 'x', 'r0', ld), ('W', 'y', 1, st)], [('R', 'y', 'r1', ld), ('W', 'x', 1, st)]],
                    regs('r0', 'r1'))


def iriw(o, readers=None):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)], [('W', 'y', 1, st)],
                     [('R', 'x', 'r0', ld)] + fence(readers) + [('R', 'y', 'r1', ld)],
                     [('R', 'y', 'r2', ld)] + fence(readers) + [('R', 'x', 'r3', ld)]],
                    regs('r0', 'r1', 'r2', 'r3'))


def two_plus_two_w(o, f=None):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)] + fence(f) + [('W', 'y', 2, st)],
                     [('W', 'y', 1, st)] + fence(f) + [('W', 'x', 2, st)]], lambda r, fin: (fin['x'], fin['y']))


def r_shape(o, f=None):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)] + fence(f) + [('W', 'y', 1, st)],
                     [('W', 'y', 2, st)] + fence(f) + [('R', 'x', 'r0', ld)]], lambda r, fin: (fin['y'], r['r0']))


def s_shape(o):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 2, st), ('W', 'y', 1, st)], [('R', 'y', 'r0', ld), ('W', 'x', 1, st)]],
                    lambda r, fin: (r['r0'], fin['x']))


def wrc(o):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)], [('R', 'x', 'r0', ld), ('W', 'y', 1, st)],
                     [('R', 'y', 'r1', ld), ('R', 'x', 'r2', ld)]], regs('r0', 'r1', 'r2'))


def co_rr(o):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st)], [('R', 'x', 'r0', ld), ('R', 'x', 'r1', ld)]], regs('r0', 'r1'), ('x',))


def co_rw(o):
    ld, st = ORDERS[o]
    return outcomes([[('R', 'x', 'r0', ld), ('W', 'x', 1, st)], [('W', 'x', 2, st)]],
                    lambda r, fin: (r['r0'], fin['x']), ('x',))


def co_wr(o):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st), ('R', 'x', 'r0', ld)], [('W', 'x', 2, st)]],
                    lambda r, fin: (r['r0'], fin['x']), ('x',))


def co_ww(o):
    ld, st = ORDERS[o]
    return outcomes([[('W', 'x', 1, st), ('W', 'x', 2, st)], [('W', 'x', 3, st)]], lambda r, fin: (fin['x'],), ('x',))


# The sets litmus_test.cpp asserts: (name, computed, C++20 set; RC11's is the same but for LB relaxed).
SB_SC = {(0, 1), (1, 0), (1, 1)}
MP_SC = {(0, 0), (0, 1), (1, 1)}
LB_SC = {(0, 0), (0, 1), (1, 0)}
IRIW_SC = set(itertools.product((0, 1), repeat=4)) - {(1, 0, 1, 0)}
W22_SC = {(1, 2), (2, 1), (2, 2)}
R_SC = {(1, 0), (1, 1), (2, 1)}
S_SC = {(0, 1), (0, 2), (1, 1)}
WRC_SC = set(itertools.product((0, 1), repeat=3)) - {(1, 1, 0)}
EXPECTED = [
    ('SB relaxed', lambda: sb('relaxed'), SB_SC | {(0, 0)}),
    ('SB acquire_release', lambda: sb('acquire_release'), SB_SC | {(0, 0)}),
    ('SB seq_cst', lambda: sb('seq_cst'), SB_SC),
    ('SB seq_cst fences', lambda: sb('relaxed', 'sc', 'sc'), SB_SC),
    ('SB one seq_cst fence', lambda: sb('relaxed', 'sc', None), SB_SC | {(0, 0)}),
    ('MP relaxed', lambda: mp('relaxed'), MP_SC | {(1, 0)}),
    ('MP acquire_release', lambda: mp('acquire_release'), MP_SC),
    ('MP seq_cst', lambda: mp('seq_cst'), MP_SC),
    ('MP release/acquire fences', lambda: mp('relaxed', 'rel', 'acq'), MP_SC),
    ('MP release fence alone', lambda: mp('relaxed', 'rel', None), MP_SC | {(1, 0)}),
    ('LB relaxed', lambda: lb('relaxed'), LB_SC | {(1, 1)}),
    ('LB acquire_release', lambda: lb('acquire_release'), LB_SC),
    ('LB seq_cst', lambda: lb('seq_cst'), LB_SC),
    ('IRIW relaxed', lambda: iriw('relaxed'), IRIW_SC | {(1, 0, 1, 0)}),
    ('IRIW acquire_release', lambda: iriw('acquire_release'), IRIW_SC | {(1, 0, 1, 0)}),
    ('IRIW seq_cst', lambda: iriw('seq_cst'), IRIW_SC),
    ('IRIW seq_cst fences in the readers', lambda: iriw('relaxed', 'sc'), IRIW_SC),
    ('2+2W relaxed', lambda: two_plus_two_w('relaxed'), W22_SC | {(1, 1)}),
    ('2+2W release', lambda: two_plus_two_w('acquire_release'), W22_SC | {(1, 1)}),
    ('2+2W seq_cst', lambda: two_plus_two_w('seq_cst'), W22_SC),
    ('2+2W seq_cst fences', lambda: two_plus_two_w('relaxed', 'sc'), W22_SC),
    ('R relaxed', lambda: r_shape('relaxed'), R_SC | {(2, 0)}),
    ('R acquire_release', lambda: r_shape('acquire_release'), R_SC | {(2, 0)}),
    ('R seq_cst', lambda: r_shape('seq_cst'), R_SC),
    ('R seq_cst fences', lambda: r_shape('relaxed', 'sc'), R_SC),
    ('S relaxed', lambda: s_shape('relaxed'), S_SC | {(1, 2)}),
    ('S acquire_release', lambda: s_shape('acquire_release'), S_SC),
    ('S seq_cst', lambda: s_shape('seq_cst'), S_SC),
    ('WRC relaxed', lambda: wrc('relaxed'), WRC_SC | {(1, 1, 0)}),
    ('WRC acquire_release', lambda: wrc('acquire_release'), WRC_SC),
    ('WRC seq_cst', lambda: wrc('seq_cst'), WRC_SC),
] + [(f'{name} {o}', (lambda s=shape, o=o: s(o)), allowed)
     for o in ORDERS
     for name, shape, allowed in [('CoRR', co_rr, {(0, 0), (0, 1), (1, 1)}), ('CoRW', co_rw, {(0, 1), (0, 2), (2, 1)}),
                                  ('CoWR', co_wr, {(1, 1), (1, 2), (2, 2)}), ('CoWW', co_ww, {(2,), (3,)})]]
# The load-buffering cycle: allowed by C++20, forbidden by RC11's no-thin-air (and not modelled by weft).
RC11_ONLY_FORBIDS = {'LB relaxed': {(1, 1)}}


def main():
    failed = False
    for name, compute, allowed in EXPECTED:
        rc11, cpp20 = compute()
        want_rc11 = allowed - RC11_ONLY_FORBIDS.get(name, set())
        good = cpp20 == allowed and rc11 == want_rc11
        failed |= not good
        print(('ok    ' if good else 'WRONG ') + name +
              ('' if good else f': C++20 {sorted(cpp20)}, RC11 {sorted(rc11)}, expected {sorted(allowed)}'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
