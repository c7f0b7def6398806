"""Writes test/fixtures/brian2-delay-steps.json: the step count Brian2's C++ spike queue gives each delay.

Run with the Python that has Brian2 (Debian's python3-brian): /usr/bin/python3 scripts/brian2_delay_steps.py
For each dt and delay (both in ms), one spike is pushed through brian2.synapses.cythonspikequeue.SpikeQueue
(the wrapper of cspikequeue.cpp) prepared with delay*ms and dt*ms, and the advances until it arrives are
counted. Delays step by 0.005 ms from 0 to 3 ms, so every dt below meets many exact halves.
"""

import json
import sys
from pathlib import Path

import brian2
import numpy as np
from brian2 import ms
from brian2.synapses.cythonspikequeue import SpikeQueue

DTS = [0.1, 0.05, 0.025, 0.02, 0.01]
DELAYS = [round(k * 0.005, 3) for k in range(601)]


def steps(delay_ms: float, dt_ms: float) -> int:
    queue = SpikeQueue(0, 1)
    queue.prepare(np.array([float(delay_ms * ms)]), float(dt_ms * ms), np.array([0], dtype=np.int32))
    queue.push(np.array([0], dtype=np.int32))
    for k in range(100_000):
        if len(queue.peek()) > 0:
            return k
        queue.advance()
    raise RuntimeError(f"spike of delay {delay_ms} ms never arrived")


def main() -> None:
    fixture = {
        "source": f"Brian2 {brian2.__version__}, brian2.synapses.cythonspikequeue.SpikeQueue (cspikequeue.cpp)",
        "delaysMs": DELAYS,
        "steps": {str(dt): [steps(delay, dt) for delay in DELAYS] for dt in DTS},
    }
    out = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "brian2-delay-steps.json"
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
