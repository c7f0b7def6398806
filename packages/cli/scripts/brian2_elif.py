"""ELIF in Brian2's cpp_standalone target, for `synapticflow bench`: prints neuron-updates per second as JSON.

The same update as SynapticFlow's ELIF (default parameters, inputs spread over 0-1 nA, forward Euler,
5 ms refractory period, float32 unless --dtype float64), timed by Brian2's own measurement of the run
(compilation excluded).
The program is compiled once and run --reps times; the JSON has the median and the range.
"""
import argparse
import json
import tempfile

from brian2 import (NeuronGroup, defaultclock, device, linspace, mV, ms, Mohm, nA, prefs, run,
                    set_device)
import numpy

parser = argparse.ArgumentParser()
parser.add_argument('--n', type=int, required=True)
parser.add_argument('--steps', type=int, required=True)
parser.add_argument('--threads', type=int, default=1)
parser.add_argument('--reps', type=int, default=5)
parser.add_argument('--dtype', choices=['float32', 'float64'], default='float32')
parser.add_argument('--directory', help='build folder (default: a new temporary one, left for the caller)')
args = parser.parse_args()

directory = args.directory or tempfile.mkdtemp(prefix='synapticflow-brian2-')
set_device('cpp_standalone', directory=directory, build_on_run=False)
if args.threads > 1:
    prefs.devices.cpp_standalone.openmp_threads = args.threads
prefs.core.default_float_dtype = numpy.float32 if args.dtype == 'float32' else numpy.float64
defaultclock.dt = 0.1 * ms

tau, threshold, theta_rh, delta_t = 10 * ms, -52 * mV, -60 * mV, 1 * mV
rest, reset, resistance = -62 * mV, -62 * mV, 20 * Mohm
group = NeuronGroup(
    args.n,
    '''dv/dt = (resistance*I + rest - v + delta_t*exp((v - theta_rh)/delta_t)) / tau : volt (unless refractory)
       I : amp (constant)''',
    threshold='v >= threshold', reset='v = reset', refractory=5 * ms, method='euler')
group.v = reset
group.I = linspace(0, 1, args.n) * nA
run(args.steps * defaultclock.dt)
device.build(directory=directory, run=False, with_output=False)
rates = []
for _ in range(args.reps):
    device.run(directory, with_output=False, run_args=[])
    rates.append(args.n * args.steps / device._last_run_time)
rates.sort()
print(json.dumps({'updates_per_second': rates[len(rates) // 2], 'min': rates[0], 'max': rates[-1],
                  'reps': len(rates)}))
