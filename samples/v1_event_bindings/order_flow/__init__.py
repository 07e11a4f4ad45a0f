"""The app's own logic, free of bindings: the functions pass it what the host gave them."""
