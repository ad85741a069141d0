"""ydata-profiling's minimal report on a CSV: the "first overview" the app is compared with.

Runs in benchmarks/.venv-ydata (ydata-profiling needs pandas < 3); prints JSON.
"""

import json
import sys
import time

import pandas as pd
from ydata_profiling import ProfileReport

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
ProfileReport(frame, minimal=True, progress_bar=False).to_html()
print(json.dumps({"overview_s": time.perf_counter() - start}))
