package main

// The program's output on the virtual clock: the same every run.
func Example() {
	main()
	// Output:
	// 09:00:00  bank opens with 2 counters
	// 09:00:00  customer  1 arrives, 0 already waiting
	// 09:00:00  counter 1 serves customer  1, who waited 0s
	// 09:01:05  customer  2 arrives, 0 already waiting
	// 09:01:05  counter 2 serves customer  2, who waited 0s
	// 09:02:09  customer  3 arrives, 0 already waiting
	// 09:04:11  customer  4 arrives, 1 already waiting
	// 09:05:08  customer  1 leaves counter 1 after 5m8s in the bank
	// 09:05:08  counter 1 serves customer  3, who waited 2m59s
	// 09:05:54  customer  5 arrives, 1 already waiting
	// 09:06:18  customer  2 leaves counter 2 after 5m13s in the bank
	// 09:06:18  counter 2 serves customer  4, who waited 2m7s
	// 09:09:36  customer  6 arrives, 1 already waiting
	// 09:11:20  customer  3 leaves counter 1 after 9m11s in the bank
	// 09:11:20  counter 1 serves customer  5, who waited 5m26s
	// 09:11:53  customer  4 leaves counter 2 after 7m42s in the bank
	// 09:11:53  counter 2 serves customer  6, who waited 2m17s
	// 09:13:01  customer  7 arrives, 0 already waiting
	// 09:16:26  customer  8 arrives, 1 already waiting
	// 09:17:23  customer  5 leaves counter 1 after 11m29s in the bank
	// 09:17:23  counter 1 serves customer  7, who waited 4m22s
	// 09:17:56  customer  6 leaves counter 2 after 8m20s in the bank
	// 09:17:56  counter 2 serves customer  8, who waited 1m30s
	// 09:18:26  customer  9 arrives, 0 already waiting
	// 09:20:58  customer  7 leaves counter 1 after 7m57s in the bank
	// 09:20:58  counter 1 serves customer  9, who waited 2m32s
	// 09:21:59  customer 10 arrives, 0 already waiting
	// 09:23:13  customer  8 leaves counter 2 after 6m47s in the bank
	// 09:23:13  counter 2 serves customer 10, who waited 1m14s
	// 09:24:07  customer  9 leaves counter 1 after 5m41s in the bank
	// 09:26:00  customer 10 leaves counter 2 after 4m1s in the bank
	// 09:26:00  last customer gone: closing
	// 09:26:00  counter 1 closes (loop: task canceled) after serving 5
	// 09:26:00  counter 2 closes (loop: task canceled) after serving 5
	// 10 customers, average wait 2m14.7s, longest 5m26s, longest line 2, closed at 09:26:00 Mar 3
	// counter 1 served 5
	// counter 2 served 5
}
