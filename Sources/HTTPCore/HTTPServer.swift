// HTTP/1.1 server on Glibc sockets: written in its own change.
