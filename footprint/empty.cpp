// Baseline: an empty main with the same flags, startup code and libraries as
// every other footprint program (scripts/footprint.sh subtracts its size).
int main() { return 0; }
