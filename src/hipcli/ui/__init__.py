"""What the user sees: the live view, plain line output, and key input."""
