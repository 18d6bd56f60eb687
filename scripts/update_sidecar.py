"""Refresh the checksum and size in the sidecar of a hand-maintained data file after editing it.

Usage: .venv/bin/python scripts/update_sidecar.py data/reported_figures.csv
Everything else in the sidecar (source, licence, codebook) is edited by hand.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def main() -> None:
    for name in sys.argv[1:]:
        path = Path(name)
        sidecar_path = path.with_name(path.name + ".meta.json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        payload = path.read_bytes()
        sidecar["sha256"] = hashlib.sha256(payload).hexdigest()
        sidecar["size_bytes"] = len(payload)
        sidecar_path.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"updated {sidecar_path}")


if __name__ == "__main__":
    main()
