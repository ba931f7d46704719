"""议案: motions and suggestions, their deadline and handling."""
