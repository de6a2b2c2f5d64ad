from django.apps import AppConfig


class BenchSupportConfig(AppConfig):
    """Trivial views the load benchmarks compare against. Installed only when
    LIDZDALIBA_BENCH_VIEWS=1 (bench/ scripts set it); never part of a real deployment."""

    name = "lidzdaliba.benchsupport"
    verbose_name = "Benchmark support"
