"""Runs a command at a pseudo-terminal of a given width, as a person at a terminal would.

usage: pty-run.py <columns> <trigger> <command...>
Once the output holds <trigger>, types Ctrl-C (the terminal turns it into SIGINT, and echoes ^C).
Prints, as JSON on stdout: everything the terminal got, and the exit code.
"""
import json
import os
import pty
import select
import struct
import sys
import fcntl
import termios
import time

columns, trigger, command = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    # Sized before the program starts, so it reads this width from its first look.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, columns, 0, 0))
    os.execvp(command[0], command)
output = b''
sent = False
deadline = time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        output += data
    if not sent and trigger in output:
        time.sleep(0.3)
        os.write(fd, b'\x03')
        sent = True
_, status = os.waitpid(pid, 0)
print(json.dumps({'output': output.decode('utf-8', 'replace'), 'code': os.waitstatus_to_exitcode(status), 'interrupted': sent}))
