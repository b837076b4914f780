"""The egg a Scrapyd node runs crawls from, built by `scrapyd-deploy` (docs/operations.md).

Everything about the package is in pyproject.toml. This file only adds config/*.yaml to the
egg's root, beside the packages, where the code looks for them (indexer.shipped reads them
out of the zipped egg); wheels and installs are unchanged.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.bdist_egg import bdist_egg

CONFIG_DIR = Path(__file__).resolve().parent / "config"


class EggWithConfig(bdist_egg):
    def run(self):
        files = sorted(str(path.relative_to(CONFIG_DIR.parent)) for path in CONFIG_DIR.glob("*.yaml"))
        self.distribution.data_files = [("config", files)]
        super().run()


setup(cmdclass={"bdist_egg": EggWithConfig})
