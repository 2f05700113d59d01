"""TCP_NODELAY on the process's sockets (survey/base/sockets.py): set on a listening socket bound the way Streamlit's
server binds it (no protocol named), a connection accepted afterwards has it, and files are left alone."""
import socket
import tempfile

from survey.base import sockets


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_connection_accepted_after_the_listener_was_set_has_no_delay():
    with socket.socket(family=socket.AF_INET) as listener:  # as Streamlit binds it: protocol 0
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()):
            accepted_early, _ = listener.accept()
            assert nodelay(accepted_early) == 0  # what asyncio leaves for a socket of protocol 0
            assert sockets.no_delay_on(listener.fileno())
            with accepted_early, socket.create_connection(listener.getsockname()):
                accepted_late, _ = listener.accept()
                with accepted_late:
                    assert nodelay(accepted_late) == 1  # inherited from the listener
                assert nodelay(accepted_early) == 0  # accepted before: no_delay() sets such sockets one by one
                assert sockets.no_delay_on(accepted_early.fileno()) and nodelay(accepted_early) == 1


def test_every_tcp_socket_of_the_process_is_found():
    with socket.socket(family=socket.AF_INET) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert listener.fileno() in sockets.descriptors()
        assert sockets.no_delay.__wrapped__() >= 1
        assert nodelay(listener) == 1


def test_files_and_other_sockets_are_left_alone():
    with tempfile.TemporaryFile() as file, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        assert not sockets.no_delay_on(file.fileno())
        assert not sockets.no_delay_on(udp.fileno())
        file.write(b"still open")  # the copy of its descriptor was closed, not the file
    assert not sockets.no_delay_on(10_000)  # no such descriptor
