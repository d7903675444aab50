"""What Vigil shows outside: the public pages and the partners' exports, victims pseudonymised without consent."""
