"""ydata-profiling's minimal report on a CSV: what our first overview is compared with.

Runs in benchmarks/.venv-ydata (ydata-profiling needs pandas < 3); prints JSON. Cold is the
first report in this fresh process, imports included (as our cold overview includes ours);
warm is a second report, file read again, in the same process.
"""

import json
import sys
import time

start = time.perf_counter()
import pandas as pd  # noqa: E402
from ydata_profiling import ProfileReport  # noqa: E402

imported = time.perf_counter() - start


def report() -> None:
    frame = pd.read_csv(sys.argv[1])
    ProfileReport(frame, minimal=True, progress_bar=False).to_html()


report()
cold = time.perf_counter() - start
start = time.perf_counter()
report()
print(json.dumps({"import_s": imported, "cold_s": cold, "warm_s": time.perf_counter() - start}))
