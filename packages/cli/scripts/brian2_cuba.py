"""The CUBA network in Brian2's cpp_standalone target, for `synapticflow bench --network cuba`: prints JSON.

Brette et al. (2007), J Comput Neurosci 23:349, benchmark 2 (CUBA), as in Brian2's example
examples/CUBA.py: 80% excitatory and 20% inhibitory leaky integrate-and-fire neurons with exponential
currents (taum 20 ms, taue 5 ms, taui 10 ms, El -49 mV, threshold -50 mV, reset -60 mV, refractory 5 ms),
random connectivity (no self-connections, as SynapticFlow's connectors default to), weights
we = 60*0.27/10 mV and wi = -20*4.5/10 mV, initial v uniform in [reset, threshold], dt 0.1 ms.
The program is compiled once (not timed) and run --reps times; each run is timed by Brian2's own measurement
of the run (device._last_run_time: synapse creation and initialisation excluded). The JSON has the median and
range of the run's wall time, the spikes and synapses of the last run, and the synaptic events delivered.
"""
import argparse
import json
import tempfile

from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device, mV, ms, prefs, run,
                    seed, set_device)
import numpy

parser = argparse.ArgumentParser()
parser.add_argument('--n', type=int, default=4000)
parser.add_argument('--p', type=float, default=0.02, help='connection probability')
parser.add_argument('--duration', type=float, default=1000, help='biological time, ms')
parser.add_argument('--threads', type=int, default=1)
parser.add_argument('--reps', type=int, default=3)
parser.add_argument('--dtype', choices=['float32', 'float64'], default='float64')
parser.add_argument('--seed', type=int, default=1)
parser.add_argument('--directory', help='build folder (default: a new temporary one, left for the caller)')
args = parser.parse_args()

directory = args.directory or tempfile.mkdtemp(prefix='synapticflow-brian2-')
set_device('cpp_standalone', directory=directory, build_on_run=False)
if args.threads > 1:
    prefs.devices.cpp_standalone.openmp_threads = args.threads
prefs.core.default_float_dtype = numpy.float32 if args.dtype == 'float32' else numpy.float64
defaultclock.dt = 0.1 * ms
seed(args.seed)

taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
we, wi = (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV
n_exc = int(round(0.8 * args.n))

P = NeuronGroup(
    args.n,
    '''dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
       dge/dt = -ge / taue : volt
       dgi/dt = -gi / taui : volt''',
    threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect(f'i < {n_exc} and i != j', p=args.p)
Ci.connect(f'i >= {n_exc} and i != j', p=args.p)
monitor = SpikeMonitor(P, record=False)
run(args.duration * ms)
device.build(directory=directory, run=False, with_output=False)
seconds = []
for _ in range(args.reps):
    device.run(directory, with_output=False, run_args=[])
    seconds.append(device._last_run_time)
seconds.sort()
counts = numpy.asarray(monitor.count[:], dtype=numpy.int64)
out_degree = numpy.bincount(numpy.asarray(Ce.i[:]), minlength=args.n) + numpy.bincount(
    numpy.asarray(Ci.i[:]), minlength=args.n)
print(json.dumps({'seconds': seconds[len(seconds) // 2], 'min': seconds[0], 'max': seconds[-1],
                  'reps': len(seconds), 'neurons': args.n, 'steps': int(round(args.duration / 0.1)),
                  'spikes': int(counts.sum()), 'synapses': int(len(Ce) + len(Ci)),
                  'events': int((counts * out_degree).sum())}))
