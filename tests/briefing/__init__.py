"""Tests of the core's briefing room: storyboards, slides, the standalone HTML and the evidence."""
