"""Runs a command on a pseudo-terminal of a given size, as a person at a terminal would.

argv: cols rows steps-json command...; steps: [[text to wait for, keys to send, seconds to wait first?], ...].
Prints the terminal's output (raw, escape sequences included) on stdout; exits with the
command's exit code (128+n for a signal, 124 when a step's text never came)."""
import fcntl, json, os, pty, select, struct, sys, termios, time

cols, rows, steps, cmd = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
out = b''
seen = 0
deadline = time.time() + 20
timed_out = False
while True:
    if steps and steps[0][0].encode() in out[seen:]:
        seen = out.index(steps[0][0].encode(), seen) + len(steps[0][0].encode())
        step = steps.pop(0)
        time.sleep(step[2] if len(step) > 2 else 0.15)
        os.write(fd, step[1].encode())
    if time.time() > deadline:
        timed_out = True
        os.kill(pid, 9)
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(124 if timed_out else os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
