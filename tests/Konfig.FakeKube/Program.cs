// Placeholder entry point: the fake API server is being written (issue 6).
return 0;
