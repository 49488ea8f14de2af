fn main() {
    donghanh::ui::start();
}
