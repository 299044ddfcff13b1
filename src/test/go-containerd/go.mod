module nrivertx.test/containerd

go 1.24
