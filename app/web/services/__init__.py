"""What the workspace does, called by the routers; never reads a request itself."""
