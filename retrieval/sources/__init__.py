"""Where documents come from: corpus files and exports behind one small protocol."""
