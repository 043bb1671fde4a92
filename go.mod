module github.com/roadmapgen/roadmapgen

go 1.26

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/yuin/goldmark v1.8.7
)
