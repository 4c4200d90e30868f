"""The application: the command line, the roster batch runner and its inputs."""
