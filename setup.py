"""Builds the extension progsearch._progsearch with the project's CMake (no network, no isolation)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures the repository with CMake for this interpreter and builds only the extension."""

    def build_extension(self, ext):
        # PROGSEARCH_BUILD_DIR: an existing CMake build folder of this repository (e.g. build/ after `make`)
        # whose extension is brought up to date and installed, instead of configuring a fresh one.
        existing = os.environ.get("PROGSEARCH_BUILD_DIR")
        build = Path(existing).resolve() if existing else Path(self.build_temp).resolve() / "cmake"
        if not (build / "CMakeCache.txt").exists():
            subprocess.check_call([
                "cmake", "-S", str(ROOT), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                "-DPROGSEARCH_TESTS=OFF", "-DPROGSEARCH_BENCH=OFF", "-DPROGSEARCH_CUDA=OFF",
                f"-DPython_EXECUTABLE={sys.executable}",
            ])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.check_call(["cmake", "--build", str(build), "--target", "_progsearch", "-j", jobs])
        built = next((build / "python" / "progsearch").glob("_progsearch*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
        # The bundled guide models travel with the package (guide/model.h looks beside the extension).
        models = target.parent / "models"
        models.mkdir(exist_ok=True)
        for model in (ROOT / "models").glob("*.guide"):
            shutil.copyfile(model, models / model.name)


setup(
    packages=["progsearch"],
    package_dir={"": "python"},
    package_data={"progsearch": ["_progsearch.pyi", "py.typed"]},
    ext_modules=[CMakeExtension("progsearch._progsearch")],
    cmdclass={"build_ext": CMakeBuild},
)
