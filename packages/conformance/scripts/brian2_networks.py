"""Brian2 reference runs for SynapticFlow networks, written to ../fixtures/networks/ (see the README there).

    python3 brian2_networks.py feedforward   # spike trains onto 10 LIF neurons: every spike, v and ge per step
    python3 brian2_networks.py cuba          # Brette et al. (2007) CUBA: connectivity, initial v, all spikes,
                                             # perturbed and float32 reruns with their statistics
    python3 brian2_networks.py delays        # how Brian2 rounds synaptic delays to steps (printed)

Brian2's numpy target, forward Euler, dt = 0.1 ms, float64 unless a run says otherwise. Units in the files are
the project's: mV and ms, steps counted from 0 (step k ends at t = (k+1)*dt; state "after step k").
"""
import datetime
import gzip
import json
import os
import platform
import sys

import brian2
import numpy as np
from brian2 import (Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses,
                    defaultclock, ms, mV, prefs, second, seed, start_scope)

DT_MS = 0.1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'networks')
prefs.codegen.target = 'numpy'


def provenance(extra=None):
    info = {
        'generator': 'packages/conformance/scripts/brian2_networks.py',
        'command': 'python3 ' + ' '.join(['brian2_networks.py'] + sys.argv[1:]),
        'date': datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        'brian2': brian2.__version__,
        'numpy': np.__version__,
        'python': platform.python_version(),
        'codegenTarget': 'numpy',
        'method': 'euler',
        'dtMs': DT_MS,
    }
    info.update(extra or {})
    return info


def write(name, data):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    # mtime=0 keeps the bytes stable when nothing changed but the date inside.
    with gzip.GzipFile(path, 'wb', mtime=0) as f:
        f.write(json.dumps(data, separators=(',', ':')).encode())
    print(f'wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)')


def use_float(dtype):
    prefs.core.default_float_dtype = dtype


def spike_pairs(monitor):
    """(step, index) pairs sorted by step, then index."""
    steps = np.round(np.asarray(monitor.t_) / (DT_MS * 1e-3)).astype(np.int64)
    indices = np.asarray(monitor.i, dtype=np.int64)
    order = np.lexsort((indices, steps))
    return steps[order], indices[order]


def brian2_delay_steps(delay_ms):
    """Brian2's Cython spike queue: (int)(delay/dt + 0.5), delay and dt in seconds (cspikequeue.cpp)."""
    return [int(float(d) * 1e-3 / (DT_MS * 1e-3) + 0.5) for d in delay_ms]


# ---------------------------------------------------------------------------------------------------------
# delays: measured, not assumed

def measure_delays(candidates_ms):
    """The step at which an event with each delay lands, seen in the target's state after each step."""
    start_scope()
    use_float(np.float64)
    defaultclock.dt = DT_MS * ms
    emit = 10
    source = SpikeGeneratorGroup(1, [0], [emit * DT_MS] * ms)
    target = NeuronGroup(len(candidates_ms), 'x : 1')
    synapses = Synapses(source, target, on_pre='x += 1')
    synapses.connect(i=0, j=np.arange(len(candidates_ms)))
    synapses.delay = np.asarray(candidates_ms) * ms
    monitor = StateMonitor(target, 'x', record=True, when='end')
    Network(source, target, synapses, monitor).run(4 * ms)
    return [int(np.nonzero(monitor.x[k] > 0)[0][0]) - emit for k in range(len(candidates_ms))]


def delays_main():
    candidates = [0, 0.04, 0.05, 0.06, 0.1, 0.15, 0.2, 0.25, 0.35, 0.45, 1.05, 1.25, 2.3]
    measured = measure_delays(candidates)
    for d, steps in zip(candidates, measured):
        ms_units = int(d / DT_MS + 0.5)
        print(f'{d} ms -> {steps} steps (Brian2 formula {brian2_delay_steps([d])[0]}, '
              f'same formula in ms: {ms_units})')


# ---------------------------------------------------------------------------------------------------------
# feed-forward

FF = {
    'n': 10,
    'sources': 20,
    'steps': 600,
    'tau': 10.0,      # ms
    'tauE': 3.0,      # ms
    'El': -65.0,      # mV
    'Vt': -50.0,      # mV
    'Vr': -70.0,      # mV
    'refractory': 2.0,  # ms (Brian2's refractory=)
}
FF_EQUATIONS = '''
dv/dt = (El - v + ge + I) / tau : volt (unless refractory)
dge/dt = -ge / tauE : volt
I : volt (constant)
'''


def feedforward_inputs():
    """Hand-chosen spike trains, synapses, weights and delays (documented in the README)."""
    n, n_sources = FF['n'], FF['sources']
    # Source s spikes at these steps. Sources 0-4 fire together at steps 50, 200 and 400 (several events to
    # one target in one step), source 19 spikes at step 0, the rest are spread out.
    trains = {
        0: [50, 120, 200, 400], 1: [50, 200, 260, 400], 2: [50, 200, 400, 401], 3: [50, 200, 333, 400],
        4: [50, 200, 400, 520], 5: [30, 31, 32, 33, 34], 6: [75, 150, 225, 300, 375, 450],
        7: [99, 100, 101], 8: [10, 310, 510], 9: [250, 251], 10: [5, 105, 205, 305, 405, 505],
        11: [60, 61, 62, 63, 64, 65, 66, 67], 12: [140], 13: [180, 181, 360], 14: [222, 444],
        15: [290, 291, 292], 16: [350, 351, 352, 353], 17: [470, 471, 472], 18: [555, 556, 557], 19: [0, 1, 2],
    }
    spikes = sorted((step, s) for s, steps in trains.items() for step in steps)
    # Synapses: source s reaches targets (s + k) % n for k = 0..2 (60 synapses, sorted by source then target).
    delays_ms = [0, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 1.25, 2.3, 0, 3.7, 0.35, 0.2]
    pre, post, weights, delays = [], [], [], []
    q = 0
    for s in range(n_sources):
        for t in sorted({(s + k) % n for k in range(3)}):
            pre.append(s)
            post.append(t)
            # Mostly excitatory, every seventh inhibitory; spread between 1.5 and 9 mV.
            w = 1.5 + (q * 37 % 16) * 0.5
            weights.append(-w if q % 7 == 6 else w)
            delays.append(delays_ms[q % len(delays_ms)])
            q += 1
    current = [8.0 + 0.9 * j for j in range(n)]  # mV: neurons 8 and 9 fire on their own (El + I > Vt)
    v0 = [-70.0 + 1.7 * j for j in range(n)]  # mV
    return spikes, pre, post, weights, delays, current, v0


def run_feedforward(dtype, whole_step_delays=False):
    """whole_step_delays: give Brian2 each delay as a whole number of steps (float64's rounding), since in
    float32 its spike queue rounds delays of exactly half a step either way."""
    start_scope()
    use_float(dtype)
    defaultclock.dt = DT_MS * ms
    spikes, pre, post, weights, delays, current, v0 = feedforward_inputs()
    namespace = {'El': FF['El'] * mV, 'tau': FF['tau'] * ms, 'tauE': FF['tauE'] * ms,
                 'Vt': FF['Vt'] * mV, 'Vr': FF['Vr'] * mV}
    source = SpikeGeneratorGroup(FF['sources'], [s for _, s in spikes],
                                 np.array([k for k, _ in spikes]) * DT_MS * ms)
    group = NeuronGroup(FF['n'], FF_EQUATIONS, threshold='v > Vt', reset='v = Vr',
                        refractory=FF['refractory'] * ms, method='euler', namespace=namespace)
    group.v = np.array(v0) * mV
    group.I = np.array(current) * mV
    synapses = Synapses(source, group, 'w : volt', on_pre='ge += w')
    synapses.connect(i=np.array(pre), j=np.array(post))
    synapses.w = np.array(weights) * mV
    if whole_step_delays:
        synapses.delay = np.array(brian2_delay_steps(delays)) * DT_MS * ms
    else:
        synapses.delay = np.array(delays) * ms
    state = StateMonitor(group, ['v', 'ge'], record=True, when='end')
    # The value the threshold sees: after integration and delivery order does not matter here (the threshold
    # runs before the synapses), so record right after the thresholder.
    crossing = StateMonitor(group, 'v', record=True, when='thresholds', order=1)
    spike_monitor = SpikeMonitor(group)
    Network(source, group, synapses, state, crossing, spike_monitor).run(FF['steps'] * DT_MS * ms)
    steps, indices = spike_pairs(spike_monitor)
    v = np.asarray(state.v_).T * 1e3
    ge = np.asarray(state.ge_).T * 1e3
    at_threshold = np.asarray(crossing.v_).T * 1e3
    return {
        'steps': steps, 'indices': indices, 'v': v, 'ge': ge, 'atThreshold': at_threshold,
        'inputs': (spikes, pre, post, weights, delays, current, v0),
    }


def refractory_frozen_steps(run):
    """Steps v stays at Vr after a spike, measured on the first isolated spike of the run."""
    steps, indices = run['steps'], run['indices']
    k, j = int(steps[0]), int(indices[0])
    reset_value = run['v'][k][j]
    frozen = 0
    while k + 1 + frozen < len(run['v']) and run['v'][k + 1 + frozen][j] == reset_value:
        frozen += 1
    return frozen


def feedforward_main():
    run64 = run_feedforward(np.float64)
    run32 = run_feedforward(np.float32, whole_step_delays=True)
    spikes, pre, post, weights, delays, current, v0 = run64['inputs']
    same_spikes = (np.array_equal(run64['steps'], run32['steps'])
                   and np.array_equal(run64['indices'], run32['indices']))
    data = {
        'scenario': 'feedforward',
        'provenance': provenance({'dtype': 'float64'}),
        'dt': DT_MS,
        'steps': FF['steps'],
        'neuron': {
            'n': FF['n'],
            'equations': FF_EQUATIONS.strip(),
            'threshold': 'v > Vt', 'reset': 'v = Vr',
            'params': {k: FF[k] for k in ('tau', 'tauE', 'El', 'Vt', 'Vr', 'refractory')},
            'I': current,
            'v0': v0,
            'refractoryFrozenSteps': refractory_frozen_steps(run64),
        },
        'sources': {'n': FF['sources'], 'spikes': [[k, s] for k, s in spikes]},
        'synapses': {
            'onPre': 'ge += w', 'i': pre, 'j': post, 'w': weights, 'delayMs': delays,
            'delaySteps': brian2_delay_steps(delays),
        },
        'spikes': [[int(k), int(i)] for k, i in zip(run64['steps'], run64['indices'])],
        # Row k: the state after step k (Brian2's StateMonitor, when='end').
        'v': run64['v'].tolist(),
        'ge': run64['ge'].tolist(),
        # v at each recorded spike as the threshold saw it (before the reset), same order as `spikes`.
        'vAtSpike': [float(run64['atThreshold'][k][i]) for k, i in zip(run64['steps'], run64['indices'])],
        'float32Run': {
            'delays': 'whole steps (delaySteps * dt)',
            'spikesIdentical': bool(same_spikes),
            'spikeCount': int(len(run32['steps'])),
            'maxVDifference': float(np.max(np.abs(run32['v'] - run64['v']))) if same_spikes else None,
            'maxGeDifference': float(np.max(np.abs(run32['ge'] - run64['ge']))),
        },
    }
    print(f"feedforward: {len(data['spikes'])} spikes, refractory frozen "
          f"{data['neuron']['refractoryFrozenSteps']} steps, float32 {data['float32Run']}")
    write('feedforward.brian2.json.gz', data)


# ---------------------------------------------------------------------------------------------------------
# CUBA (Brette et al. 2007, J Comput Neurosci 23:349; Brian2's CUBA example), Euler instead of exact

CUBA = {
    'n': 4000, 'nExc': 3200, 'p': 0.02, 'steps': 10000,
    'taum': 20.0, 'taue': 5.0, 'taui': 10.0, 'Vt': -50.0, 'Vr': -60.0, 'El': -49.0, 'refractory': 5.0,
    'we': 60 * 0.27 / 10, 'wi': -20 * 4.5 / 10,
}
CUBA_EQUATIONS = '''
dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
dge/dt = -ge / taue : volt
dgi/dt = -gi / taui : volt
'''
CUBA_SEED = 2007
FANO_BIN_STEPS = 100
# Statistics leave out the first 100 ms, where every neuron's first spike follows from its initial v.
STATISTICS_FROM_STEP = 1000
PERTURBATION_MV = 1e-12
PERTURBATION_SIZES_MV = [1e-12, 1e-9, 1e-6, 1e-3]


def cuba_run(dtype, v0_volt=None, connectivity=None):
    """One CUBA run: random connectivity and v0 (seeded) unless given; returns spikes, connectivity, v0."""
    start_scope()
    use_float(dtype)
    defaultclock.dt = DT_MS * ms
    c = CUBA
    namespace = {'El': c['El'] * mV, 'taum': c['taum'] * ms, 'taue': c['taue'] * ms, 'taui': c['taui'] * ms,
                 'Vt': c['Vt'] * mV, 'Vr': c['Vr'] * mV, 'we': c['we'] * mV, 'wi': c['wi'] * mV}
    seed(CUBA_SEED)
    group = NeuronGroup(c['n'], CUBA_EQUATIONS, threshold='v > Vt', reset='v = Vr',
                        refractory=c['refractory'] * ms, method='euler', namespace=namespace)
    exc = Synapses(group, group, on_pre='ge += we', namespace=namespace)
    inh = Synapses(group, group, on_pre='gi += wi', namespace=namespace)
    if connectivity is None:
        group.v = 'Vr + rand() * (Vt - Vr)'
        # Brian2's example allows i == j; the network API leaves self-connections out by default, and so
        # does this reference.
        exc.connect(f"i < {c['nExc']} and i != j", p=c['p'])
        inh.connect(f"i >= {c['nExc']} and i != j", p=c['p'])
    else:
        group.v_ = v0_volt
        exc.connect(i=connectivity['exc'][0], j=connectivity['exc'][1])
        inh.connect(i=connectivity['inh'][0], j=connectivity['inh'][1])
    v0 = np.asarray(group.v_, dtype=np.float64).copy()
    monitor = SpikeMonitor(group)
    Network(group, exc, inh, monitor).run(c['steps'] * DT_MS * ms)
    steps, indices = spike_pairs(monitor)
    pairs = {
        'exc': (np.asarray(exc.i, dtype=np.int64), np.asarray(exc.j, dtype=np.int64)),
        'inh': (np.asarray(inh.i, dtype=np.int64), np.asarray(inh.j, dtype=np.int64)),
    }
    return steps, indices, pairs, v0


def sorted_pairs(i, j):
    order = np.lexsort((j, i))
    return i[order], j[order]


def cuba_statistics(steps, indices):
    """Per population, over steps STATISTICS_FROM_STEP.. : rate (Hz), mean CV of ISIs (neurons with >= 3
    spikes, ddof 0), Fano factor of the population's spike count in 10 ms bins (ddof 0). The same definitions
    as conformance's TypeScript (src/network/spike-statistics.ts)."""
    c = CUBA
    first = STATISTICS_FROM_STEP
    duration_s = (c['steps'] - first) * DT_MS * 1e-3
    out = {}
    for name, low, high in (('exc', 0, c['nExc']), ('inh', c['nExc'], c['n'])):
        mask = (indices >= low) & (indices < high) & (steps >= first)
        s, i = steps[mask], indices[mask]
        rate = len(s) / ((high - low) * duration_s)
        cvs = []
        for j in range(low, high):
            own = np.sort(s[i == j])
            if len(own) >= 3:
                isi = np.diff(own).astype(np.float64)
                cvs.append(np.std(isi) / np.mean(isi))
        counts = np.bincount((s - first) // FANO_BIN_STEPS, minlength=(c['steps'] - first) // FANO_BIN_STEPS).astype(np.float64)
        fano = float(np.var(counts) / np.mean(counts)) if np.mean(counts) > 0 else None
        out[name] = {'rate': rate, 'cv': float(np.mean(cvs)) if cvs else None, 'fano': fano,
                     'spikes': int(len(s))}
    return out


def first_divergent_step(a_steps, a_indices, b_steps, b_indices):
    """The first step whose set of spiking neurons differs between two runs, or None."""
    a = {}
    for k, i in zip(a_steps.tolist(), a_indices.tolist()):
        a.setdefault(k, set()).add(i)
    b = {}
    for k, i in zip(b_steps.tolist(), b_indices.tolist()):
        b.setdefault(k, set()).add(i)
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            return k
    return None


def cuba_main():
    steps, indices, pairs, v0 = cuba_run(np.float64)
    connectivity = {name: sorted_pairs(*pairs[name]) for name in ('exc', 'inh')}
    base_stats = cuba_statistics(steps, indices)
    print('base', len(steps), 'spikes', base_stats)

    # Perturbations of every neuron's initial v: +-1e-12 mV all up and all down, then four seeded sign patterns
    # at each of 1e-12, 1e-9, 1e-6 and 1e-3 mV. A reset to Vr erases a perturbation unless it moves a spike
    # by a step, so only the larger ones make the runs part ways.
    rng = np.random.RandomState(12)
    patterns = [('all +', PERTURBATION_MV, np.ones(CUBA['n'])), ('all -', PERTURBATION_MV, -np.ones(CUBA['n']))]
    for size in PERTURBATION_SIZES_MV:
        for r in range(4):
            patterns.append((f'random signs {r}', size, rng.choice([-1.0, 1.0], CUBA['n'])))
    perturbed = []
    for label, size, signs in patterns:
        shifted = v0 + signs * size * 1e-3
        p_steps, p_indices, _, _ = cuba_run(np.float64, shifted, connectivity)
        entry = {
            'perturbation': label,
            'sizeMv': size,
            'changedInitialValues': int(np.count_nonzero(shifted != v0)),
            'firstDivergentStep': first_divergent_step(steps, indices, p_steps, p_indices),
            'statistics': cuba_statistics(p_steps, p_indices),
        }
        print(entry, flush=True)
        perturbed.append(entry)

    f_steps, f_indices, _, _ = cuba_run(np.float32, v0, connectivity)
    float32_run = {
        'firstDivergentStep': first_divergent_step(steps, indices, f_steps, f_indices),
        'statistics': cuba_statistics(f_steps, f_indices),
    }
    print('float32', float32_run)

    def per_source(i, j, sources):
        counts = np.bincount(i, minlength=CUBA['n'])[sources]
        return counts.tolist(), j.tolist()

    exc_counts, exc_targets = per_source(*connectivity['exc'], slice(0, CUBA['nExc']))
    inh_counts, inh_targets = per_source(*connectivity['inh'], slice(CUBA['nExc'], CUBA['n']))
    data = {
        'scenario': 'cuba',
        'provenance': provenance({'dtype': 'float64', 'seed': CUBA_SEED}),
        'dt': DT_MS,
        'steps': CUBA['steps'],
        'params': {k: CUBA[k] for k in ('taum', 'taue', 'taui', 'Vt', 'Vr', 'El', 'refractory', 'we', 'wi')},
        'n': CUBA['n'],
        'nExc': CUBA['nExc'],
        'p': CUBA['p'],
        'equations': CUBA_EQUATIONS.strip(),
        # Synapses of source s (exc: 0..nExc-1, inh: nExc..n-1): counts[s] targets, listed in order in `j`.
        'connectivity': {
            'exc': {'firstSource': 0, 'counts': exc_counts, 'j': exc_targets},
            'inh': {'firstSource': CUBA['nExc'], 'counts': inh_counts, 'j': inh_targets},
        },
        'v0': (v0 * 1e3).tolist(),
        'spikes': {'steps': steps.tolist(), 'indices': indices.tolist()},
        'statistics': base_stats,
        'fanoBinSteps': FANO_BIN_STEPS,
        'statisticsFromStep': STATISTICS_FROM_STEP,
        'perturbed': perturbed,
        'float32Run': float32_run,
    }
    write('cuba.brian2.json.gz', data)


if __name__ == '__main__':
    command = sys.argv[1] if len(sys.argv) > 1 else ''
    if command == 'feedforward':
        feedforward_main()
    elif command == 'cuba':
        cuba_main()
    elif command == 'delays':
        delays_main()
    else:
        sys.exit(__doc__)
