"""Management commands of the shared kernel: the audit trail, the demo data, the demo sign-ins."""
