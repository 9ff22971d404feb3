module github.com/dagang/dagang/cmd/dagang-bench/satpeer

go 1.26.8

require github.com/dagang/dagang v0.0.0

require github.com/crillab/gophersat v1.4.0

replace github.com/dagang/dagang => ../../..
