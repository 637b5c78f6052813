/*
 * Replay a fuzz corpus through a fuzz target, as an ordinary test built
 * with gcc (and ASan in the asan preset): every file in each directory
 * given on the command line is fed to LLVMFuzzerTestOneInput once.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <junkan/core.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    jk_buf b;
    char chunk[4096];
    size_t n;

    if (!fp) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    jk_buf_init(&b, 1u << 24);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (jk_buf_add(&b, chunk, n) != JK_OK)
            break;
    fclose(fp);
    LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
    jk_buf_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int i, files = 0, bad = 0;
    for (i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        if (!d) {
            fprintf(stderr, "replay: cannot open %s\n", argv[i]);
            return 1;
        }
        while ((e = readdir(d))) {
            char path[4096];
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
            bad += replay_file(path);
            files++;
        }
        closedir(d);
    }
    printf("%d passed, %d failed\n", files - bad, bad);
    return bad || files == 0 ? 1 : 0;
}
