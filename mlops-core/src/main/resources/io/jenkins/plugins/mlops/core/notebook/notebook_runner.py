# Runs a notebook's code cells one by one in one namespace, as a Jupyter kernel would, and writes
# one JSON line per cell (number, seconds, status, and for a failure its line and traceback) to the
# events file, flushed at once: a cell killed by the time or memory limit is the last one started.
# Usage: python3 notebook_runner.py CELLS_JSON EVENTS_JSONL
import builtins
import json
import os
import subprocess
import sys
import time
import traceback


class _Shim:
    """The few IPython calls nbconvert's script makes that can run without IPython."""

    def system(self, cmd):
        sys.stdout.flush()
        sys.stderr.flush()
        return subprocess.call(cmd, shell=True)

    def getoutput(self, cmd):
        out = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
        return out.splitlines()

    def run_line_magic(self, name, line):
        if name in ("matplotlib", "config"):
            return None
        if name == "pwd":
            return os.getcwd()
        if name == "cd":
            os.chdir(os.path.expanduser(line.strip() or "~"))
            return None
        if name == "env":
            line = line.strip()
            if not line:
                return dict(os.environ)
            if "=" in line:
                key, _, value = line.partition("=")
                os.environ[key.strip()] = value.strip()
                return None
            if " " in line:
                key, _, value = line.partition(" ")
                os.environ[key.strip()] = value.strip()
                return None
            return os.environ[line]
        if name in ("time", "timeit"):
            frame = sys._getframe(1)
            start = time.perf_counter()
            result = eval(compile(line, "<%" + name + ">", "eval"), frame.f_globals, frame.f_locals) \
                if _is_expression(line) else exec(compile(line, "<%" + name + ">", "exec"), frame.f_globals, frame.f_locals)
            print("Wall time: %.3f s" % (time.perf_counter() - start))
            return result
        raise RuntimeError("the magic %" + name + " cannot run outside IPython")

    def run_cell_magic(self, name, line, cell):
        frame = sys._getframe(1)
        if name in ("bash", "sh"):
            sys.stdout.flush()
            code = subprocess.run(["/bin/" + name], input=cell, text=True).returncode
            if code != 0:
                raise RuntimeError("%%" + name + " cell exited with status " + str(code))
            return None
        if name == "writefile":
            args = line.split()
            append = "-a" in args or "--append" in args
            target = [a for a in args if not a.startswith("-")][0]
            with open(target, "a" if append else "w", encoding="utf-8") as f:
                f.write(cell)
            print(("Appending to " if append else "Writing ") + target)
            return None
        if name == "time":
            start = time.perf_counter()
            exec(compile(cell, "<%%time>", "exec"), frame.f_globals, frame.f_locals)
            print("Wall time: %.3f s" % (time.perf_counter() - start))
            return None
        if name == "capture":
            import io
            import contextlib
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exec(compile(cell, "<%%capture>", "exec"), frame.f_globals, frame.f_locals)
            var = line.split()[0] if line.split() and not line.split()[0].startswith("-") else None
            if var:
                frame.f_globals[var] = type("CapturedIO", (), {"stdout": out.getvalue(), "stderr": err.getvalue(),
                                                               "show": lambda self: print(out.getvalue(), end="")})()
            return None
        raise RuntimeError("the cell magic %%" + name + " cannot run outside IPython")


def _is_expression(code):
    try:
        compile(code, "<check>", "eval")
        return True
    except SyntaxError:
        return False


_SHIM = _Shim()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cells = json.load(f)
    events = open(sys.argv[2], "a", encoding="utf-8")
    if len(sys.argv) > 3:
        os.chdir(sys.argv[3])
        sys.path.insert(0, sys.argv[3])
    namespace = {"__name__": "__main__", "__builtins__": builtins, "get_ipython": lambda: _SHIM}
    sys.argv = ["notebook"]
    for cell in cells:
        label = cell["label"]
        events.write(json.dumps({"event": "start", "label": label}) + "\n")
        events.flush()
        start = time.perf_counter()
        try:
            exec(compile(cell["code"], "<" + label + ">", "exec"), namespace)
            status, error = "passed", None
        except SystemExit as e:
            status = "passed" if e.code in (None, 0) else "failed"
            error = None if status == "passed" else _error(e, label)
        except BaseException as e:  # KeyboardInterrupt included: the cell failed, say where
            status, error = "failed", _error(e, label)
        sys.stdout.flush()
        sys.stderr.flush()
        record = {"event": "end", "label": label, "seconds": time.perf_counter() - start, "status": status}
        if error:
            record.update(error)
        events.write(json.dumps(record) + "\n")
        events.flush()
        if status == "failed":
            return 1
    return 0


def _error(e, label):
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "<" + label + ">"]
    if isinstance(e, SyntaxError) and e.filename == "<" + label + ">":
        line = e.lineno
    else:
        line = frames[-1].lineno if frames else None
    text = "".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next if e.__traceback__ else None))
    return {"error": type(e).__name__, "message": str(e), "line": line, "traceback": text[-8000:]}


if __name__ == "__main__":
    sys.exit(main())
