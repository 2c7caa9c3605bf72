import stat

from django.test import SimpleTestCase

from portal.core.apps import private_sqlite_file


class SqliteFileModeTests(SimpleTestCase):
    def test_a_new_database_file_is_readable_by_its_owner_only(self):
        for engine in ("django.db.backends.sqlite3", "portal.core.sqlite"):
            with self.subTest(engine=engine):
                self._check_private_file(engine)

    def _check_private_file(self, engine):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "dancu.sqlite3"
            private_sqlite_file({"ENGINE": engine, "NAME": path})
            self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
            import sqlite3

            connection = sqlite3.connect(path)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE t (x)")
            connection.commit()
            for name in ("dancu.sqlite3", "dancu.sqlite3-wal", "dancu.sqlite3-shm"):
                mode = stat.S_IMODE((Path(directory) / name).stat().st_mode)
                self.assertEqual(mode, 0o600, (name, oct(mode)))
            connection.close()
