"""Audio cues: synthesized tones, the events that trigger them, players and spoken cues."""
