"""Input/output channels of the assistant (Rasa connectors)."""
