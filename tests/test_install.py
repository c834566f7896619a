"""A plain, non-editable install must carry everything loaded at run time (models/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_holds_the_assets_and_newsx_loads_them_from_it(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("newsx-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = [p.relative_to(ROOT / "models").as_posix() for p in (ROOT / "models").rglob("*")
              if p.is_file() and (p.suffix in {".toml", ".tsv"} or {"ner", "topics"} & set(p.parts))]
    assert "ner/ner/model" in assets and "ner/meta.json" in assets
    assert "topics/textcat_multilabel/model" in assets
    for asset in assets:
        assert f"newsx/models/{asset}" in names, asset
    # unpack the wheel where no checkout is near and load every asset from there
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r})\n"
        "import newsx.nlp.assets as a, newsx.nlp.gazetteer as g, newsx.nlp.taxonomy as t\n"
        f"d = a.models_dir(); assert str(d).startswith({str(site)!r}), d\n"
        "assert len(t.load_taxonomy()) > 40 and t.iptc_tree()\n"
        "assert g.gazetteer().place('Geneva').country == 'CH'\n"
        "assert g.gazetteer().org('NYT') == 'The New York Times'\n"
        "assert 'sport' in t.classifier_labels()\n"
        "import newsx.nlp.pipeline as m\n"
        f"assert m.resolve_model().startswith({str(site)!r}), m.resolve_model()\n"
        "print('ok')\n"
    )
    # -S: no site-packages, so nothing but the unpacked wheel can provide newsx
    out = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True,
                         text=True)
    assert out.stdout.strip() == "ok", out.stderr
